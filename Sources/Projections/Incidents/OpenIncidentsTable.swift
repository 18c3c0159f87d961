import Events
import Foundation
import Logging
import PostgresNIO

/// Reads and writes `open_incidents` and `open_incidents_clock_rules` in bulk: one statement per
/// page for the rows, whatever their number.
enum OpenIncidentsTable {
    /// The clock-rule events stored so far, in position order.
    static func ruleEvents(on connection: PostgresConnection, logger: Logger) async throws -> [RecordedEvent] {
        let rows = try await connection.query(
            """
            SELECT coalesce(json_agg(json_build_object('position', position, 'stream', stream_id, 'version', stream_version,
                'type', event_type, 'schemaVersion', schema_version, 'data', data,
                'recordedAt', (extract(epoch FROM recorded_at) * 1000000)::bigint) ORDER BY position), '[]')::text
            FROM open_incidents_clock_rules
            """, logger: logger)
        var events: [RecordedEvent] = []
        for try await text in rows.decode(String.self) { events += try StoredIncidentEvent.list(text).compactMap(\.recorded) }
        return events
    }

    /// Stores clock-rule events (already applied ones are ignored).
    static func saveRuleEvents(_ events: [RecordedEvent], on connection: PostgresConnection, logger: Logger) async throws {
        guard !events.isEmpty else { return }
        let json = String(decoding: try JSONEncoder().encode(events.map(StoredIncidentEvent.init)), as: UTF8.self)
        try await connection.query(
            """
            INSERT INTO open_incidents_clock_rules (position, stream_id, stream_version, event_type, schema_version, data, recorded_at)
            SELECT x.position, x.stream, x.version, x.type, x."schemaVersion", x.data,
                   to_timestamp(0) + x."recordedAt" * interval '1 microsecond'
            FROM jsonb_to_recordset(\(json)::jsonb)
                AS x(position bigint, stream text, version bigint, type text, "schemaVersion" integer, data jsonb, "recordedAt" bigint)
            ON CONFLICT (position) DO NOTHING
            """, logger: logger)
    }

    /// The stored events of the given incidents (of every incident when `ids` is nil), by incident id.
    static func incidentEvents(
        _ ids: Set<String>?, on connection: PostgresConnection, logger: Logger
    ) async throws -> [String: [RecordedEvent]] {
        if let ids, ids.isEmpty { return [:] }
        let rows: PostgresRowSequence
        if let ids {
            rows = try await connection.query(
                "SELECT incident_id, events::text FROM open_incidents WHERE incident_id = ANY(\(Array(ids)))", logger: logger)
        } else {
            rows = try await connection.query("SELECT incident_id, events::text FROM open_incidents", logger: logger)
        }
        var result: [String: [RecordedEvent]] = [:]
        for try await (id, text) in rows.decode((String, String).self) {
            result[id] = try StoredIncidentEvent.list(text).compactMap(\.recorded)
        }
        return result
    }

    /// Inserts or replaces rows with their events; `search_text` is `lower(unaccent(document))`.
    static func save(_ rows: [(IncidentRow, [RecordedEvent])], on connection: PostgresConnection, logger: Logger) async throws {
        guard !rows.isEmpty else { return }
        let stored = rows.map { StoredIncidentRow($0.0, events: $0.1.map(StoredIncidentEvent.init)) }
        let json = try StoredIncidentRow.jsonText(stored)
        try await connection.query(
            """
            INSERT INTO open_incidents (incident_id, status, source, outlet, url, title, summary, topics, unit_ids,
                assigned_unit_id, units, severity, severity_rank, reach, hot_spot, sighting_count, published_at, logged_at,
                assignment_due_at, next_due_at, merged_into, last_event_at, search_text, events, version, last_position)
            SELECT incident_id, status, source, outlet, url, title, summary, topics, unit_ids,
                assigned_unit_id, units, severity, severity_rank, reach, hot_spot, sighting_count,
                to_timestamp(0) + published_at * interval '1 microsecond',
                to_timestamp(0) + logged_at * interval '1 microsecond',
                to_timestamp(0) + assignment_due_at * interval '1 microsecond',
                to_timestamp(0) + next_due_at * interval '1 microsecond',
                merged_into,
                to_timestamp(0) + last_event_at * interval '1 microsecond',
                lower(unaccent(search_document)), events, version, last_position
            FROM jsonb_to_recordset(\(json)::jsonb) AS x(incident_id text, status text, source text, outlet text, url text,
                title text, summary text, topics text[], unit_ids text[], assigned_unit_id text, units text[], severity text,
                severity_rank smallint, reach bigint, hot_spot boolean, sighting_count integer, published_at bigint,
                logged_at bigint, assignment_due_at bigint, next_due_at bigint, merged_into text, last_event_at bigint,
                search_document text, events jsonb, version bigint, last_position bigint)
            ON CONFLICT (incident_id) DO UPDATE SET
                status = EXCLUDED.status, source = EXCLUDED.source, outlet = EXCLUDED.outlet, url = EXCLUDED.url,
                title = EXCLUDED.title, summary = EXCLUDED.summary, topics = EXCLUDED.topics, unit_ids = EXCLUDED.unit_ids,
                assigned_unit_id = EXCLUDED.assigned_unit_id, units = EXCLUDED.units, severity = EXCLUDED.severity,
                severity_rank = EXCLUDED.severity_rank, reach = EXCLUDED.reach, hot_spot = EXCLUDED.hot_spot,
                sighting_count = EXCLUDED.sighting_count, published_at = EXCLUDED.published_at,
                logged_at = EXCLUDED.logged_at, assignment_due_at = EXCLUDED.assignment_due_at,
                next_due_at = EXCLUDED.next_due_at, merged_into = EXCLUDED.merged_into,
                last_event_at = EXCLUDED.last_event_at, search_text = EXCLUDED.search_text, events = EXCLUDED.events,
                version = EXCLUDED.version, last_position = EXCLUDED.last_position
            """, logger: logger)
    }
}
