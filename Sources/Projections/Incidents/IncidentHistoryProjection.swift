import Events
import Foundation
import Logging
import PostgresNIO

/// Keeps `incident_versions`, each incident's folded state by log position (the write side's
/// `IncidentState.evolve`): an incident event closes the incident's current row at its position and
/// opens one holding the state after it. Applied inline, inside the append transaction.
public struct IncidentHistoryProjection: Projection {
    public let name = "incident-history"
    public let eventTypes = IncidentEvent.eventTypes
    public let tables = ["incident_versions"]
    public var isInline: Bool { true }
    let decoder: EventDecoder

    /// Creates the projection; `decoder` carries the upcasters of older event versions.
    public init(decoder: EventDecoder = EventDecoder()) {
        self.decoder = decoder
    }

    public func apply(_ events: [RecordedEvent], on connection: PostgresConnection, logger: Logger) async throws {
        let decoded = try events.compactMap { recorded in try IncidentEvent(recorded, decoder: decoder).map { ($0, recorded.position) } }
        guard !decoded.isEmpty else { return }
        let touched = Array(Set(decoded.map(\.0.incidentId)))
        let rows = try await connection.query(
            """
            SELECT incident_id || ' ' || state::text FROM incident_versions
            WHERE valid_to IS NULL AND incident_id = ANY(\(touched)::text[])
            """, logger: logger)
        var states: [String: IncidentState] = [:]
        for (id, state) in try await IncidentVersions.decode(rows) { states[id] = state }
        var opened: [String: [(from: Int64, state: IncidentState)]] = [:]
        for (event, position) in decoded {
            let state = IncidentState.evolve(states[event.incidentId] ?? .initial, event)
            states[event.incidentId] = state
            opened[event.incidentId, default: []].append((position, state))
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        var ids: [String] = []
        var froms: [Int64] = []
        var tos: [Int64] = []
        var texts: [String] = []
        for (id, versions) in opened {
            for (index, version) in versions.enumerated() {
                ids.append(id)
                froms.append(version.from)
                // An open version is sent as 0 (positions start at 1) and stored as NULL.
                tos.append(index + 1 < versions.count ? versions[index + 1].from : 0)
                texts.append(String(decoding: try encoder.encode(version.state), as: UTF8.self))
            }
        }
        let firsts = opened.map { ($0.key, $0.value[0].from) }
        // Closed first, then opened: the index of current rows is unique.
        try await connection.query(
            """
            UPDATE incident_versions v SET valid_to = c.at
            FROM unnest(\(firsts.map(\.0))::text[], \(firsts.map(\.1))::bigint[]) AS c(id, at)
            WHERE v.incident_id = c.id AND v.valid_to IS NULL
            """, logger: logger)
        try await connection.query(
            """
            INSERT INTO incident_versions (incident_id, valid_from, valid_to, state)
            SELECT i, f, NULLIF(t, 0), s::jsonb
            FROM unnest(\(ids)::text[], \(froms)::bigint[], \(tos)::bigint[], \(texts)::text[]) AS x(i, f, t, s)
            """, logger: logger)
    }
}

/// Decodes stored incident states, each read as `incident_id || ' ' || state::text` (ids have no spaces).
enum IncidentVersions {
    static func decode(_ rows: PostgresRowSequence) async throws -> [(id: String, state: IncidentState)] {
        let decoder = JSONDecoder()
        var states: [(id: String, state: IncidentState)] = []
        for try await text in rows.decode(String.self) {
            let (id, json) = (text.prefix { $0 != " " }, text.drop { $0 != " " }.dropFirst())
            states.append((String(id), try decoder.decode(IncidentState.self, from: Data(json.utf8))))
        }
        return states
    }
}
