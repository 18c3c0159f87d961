import Events
import Foundation
import Logging
import PostgresNIO

/// Reads and writes `incident_versions` and `incident_states` in bulk: each incident's state by range
/// of log positions (the state itself in `incident_states`, written once), with the columns the
/// incident list and figures select, filter and sort by.
enum IncidentVersionsTable {
    /// An incident's current version as the projection carries it on: its state, the position of
    /// its last event, and where it was logged (`IncidentVersion.loggedFrom`, `.loggedHigh`).
    struct Current: Sendable, Hashable {
        var state: IncidentState
        var lastPosition: Int64
        var loggedFrom: Int64
        var loggedHigh: Timestamp
        /// The state's search document, when already computed (not stored: the table keeps it folded).
        var searchDocument: String? = nil
    }

    /// What a current row is read as: `id lastPosition loggedFrom loggedHigh state-json` (ids have
    /// no spaces), from the versions joined with their states.
    static let currentText = """
        incident_id || ' ' || last_position || ' ' || logged_from || ' ' \
        || (extract(epoch FROM logged_high) * 1000000)::bigint || ' ' || s.state::text
        FROM incident_versions JOIN incident_states s USING (incident_id, valid_from)
        """

    /// The current version of each of `ids` that has one.
    static func current(of ids: Set<String>, on connection: PostgresConnection, logger: Logger) async throws -> [String: Current] {
        guard !ids.isEmpty else { return [:] }
        return try await currents(
            "SELECT \(currentText) WHERE valid_to IS NULL AND incident_id = ANY($1::text[])",
            binds: [Array(ids)], on: connection, logger: logger)
    }

    /// The current version of every incident open now (a clock-rule change may move their due times).
    static func currentOpen(on connection: PostgresConnection, logger: Logger) async throws -> [String: Current] {
        try await currents(
            "SELECT \(currentText) WHERE valid_to IS NULL AND open", binds: [], on: connection, logger: logger)
    }

    private static func currents(
        _ sql: String, binds values: [[String]], on connection: PostgresConnection, logger: Logger
    ) async throws -> [String: Current] {
        var binds = PostgresBindings()
        for value in values { binds.append(value) }
        let rows = try await connection.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: logger)
        var current: [String: Current] = [:]
        for try await text in rows.decode(String.self) {
            let fields = text.split(separator: " ", maxSplits: 4, omittingEmptySubsequences: false)
            guard fields.count == 5, let last = Int64(fields[1]), let from = Int64(fields[2]), let high = Int64(fields[3]) else {
                throw IncidentVersionsTableError.unreadableRow(String(text.prefix(80)))
            }
            current[String(fields[0])] = Current(
                state: try JSONValue.parse(fields[4].utf8).decode(as: IncidentState.self), lastPosition: last, loggedFrom: from,
                loggedHigh: Timestamp(microsecondsSinceEpoch: high))
        }
        return current
    }

    /// The latest `logged_at` among every incident logged so far (nil when none was).
    static func loggedHigh(on connection: PostgresConnection, logger: Logger) async throws -> Timestamp? {
        let rows = try await connection.query(
            """
            SELECT (extract(epoch FROM logged_high) * 1000000)::bigint FROM incident_versions
            ORDER BY logged_from DESC LIMIT 1
            """, logger: logger)
        for try await micros in rows.decode(Int64.self) { return Timestamp(microsecondsSinceEpoch: micros) }
        return nil
    }

    /// The clock-rule events recorded before `position`, in order (one stream of the log).
    static func ruleEvents(
        before position: Int64, decoder: EventDecoder, on connection: PostgresConnection, logger: Logger
    ) async throws -> [ClockRuleEvent] {
        let rows = try await connection.query(
            """
            SELECT position, stream_version, event_type, schema_version, data::text,
                (extract(epoch FROM recorded_at) * 1000000)::bigint
            FROM events WHERE stream_id = \(ClockRuleEvent.stream.rawValue) AND position < \(position) ORDER BY position
            """, logger: logger)
        var events: [ClockRuleEvent] = []
        let json = JSONDecoder()
        for try await (at, version, type, schema, data, recorded) in rows.decode((Int64, Int64, String, Int32, String, Int64).self) {
            let stored = StoredIncidentEvent(
                position: at, stream: ClockRuleEvent.stream.rawValue, version: version, type: type, schemaVersion: schema,
                data: try json.decode(JSONValue.self, from: Data(data.utf8)), recordedAt: recorded)
            if let recorded = stored.recorded, let event = try ClockRuleEvent(recorded, decoder: decoder) { events.append(event) }
        }
        return events
    }

    /// Ends the validity of each incident's current row at the position given for it.
    static func close(_ incidents: [(id: String, at: Int64)], on connection: PostgresConnection, logger: Logger) async throws {
        guard !incidents.isEmpty else { return }
        var closing = PostgresBindings()
        closing.append(incidents.map(\.id))
        closing.append(incidents.map(\.at))
        try await connection.query(
            PostgresQuery(
                unsafeSQL: """
                    UPDATE incident_versions v SET valid_to = c.at FROM unnest($1::text[], $2::bigint[]) AS c(k, at)
                    WHERE v.incident_id = c.k AND v.valid_to IS NULL
                    """, binds: closing), logger: logger)
    }

    /// Closes each incident's current row at its first new version, then inserts the versions, each
    /// valid until the next and the last one open (two statements, closed first: the index of
    /// current rows is unique).
    static func write(_ opened: [String: [IncidentVersion]], on connection: PostgresConnection, logger: Logger) async throws {
        guard !opened.isEmpty else { return }
        var stored: [StoredIncidentVersion] = []
        for (id, versions) in opened {
            for (index, version) in versions.enumerated() {
                stored.append(StoredIncidentVersion(id, version, validTo: index + 1 < versions.count ? versions[index + 1].from : nil))
            }
        }
        try await close(opened.compactMap { id, versions in versions.first.map { (id, $0.from) } }, on: connection, logger: logger)
        let json = String(decoding: try JSONEncoder().encode(stored), as: UTF8.self)
        try await connection.query(
            """
            WITH x AS (
                SELECT * FROM jsonb_to_recordset(\(json)::jsonb) AS x(incident_id text, valid_from bigint, valid_to bigint,
                    state jsonb, open boolean, units text[], last_event_at bigint, last_position bigint, logged_from bigint,
                    logged_high bigint, status text, source text, severity text, severity_rank smallint, topics text[],
                    hot_spot boolean, logged_at bigint, next_due_at bigint, search_document text)
            ), states AS (
                INSERT INTO incident_states (incident_id, valid_from, state) SELECT incident_id, valid_from, state FROM x
            )
            INSERT INTO incident_versions (incident_id, valid_from, valid_to, open, units, last_event_at, last_position,
                logged_from, logged_high, status, source, severity, severity_rank, topics, hot_spot, logged_at, next_due_at,
                search_text)
            SELECT incident_id, valid_from, valid_to, open, units, to_timestamp(0) + last_event_at * interval '1 microsecond',
                last_position, logged_from, to_timestamp(0) + logged_high * interval '1 microsecond', status, source, severity,
                severity_rank, topics, hot_spot, to_timestamp(0) + logged_at * interval '1 microsecond',
                to_timestamp(0) + next_due_at * interval '1 microsecond', lower(unaccent(search_document))
            FROM x
            """, logger: logger)
    }
}

/// A version of an incident's state from a log position on, under the clock rules of that position.
struct IncidentVersion: Sendable {
    var from: Int64
    var current: IncidentVersionsTable.Current
    var row: IncidentRow

    /// The version opened at `from` holding `current`, its list row computed under `rules`.
    init(from: Int64, _ current: IncidentVersionsTable.Current, rules: ClockRuleBook) {
        self.from = from
        self.row = IncidentRow(
            state: current.state, rules: rules, lastPosition: current.lastPosition, searchDocument: current.searchDocument)
        self.current = current
        self.current.searchDocument = row.searchDocument
    }
}

/// A version as the insert statement reads it (`jsonb_to_recordset`); instants in microseconds.
private struct StoredIncidentVersion: Encodable {
    var incident_id: String
    var valid_from: Int64
    var valid_to: Int64?
    var state: IncidentState
    var open: Bool
    var units: [String]
    var last_event_at: Int64
    var last_position: Int64
    var logged_from: Int64
    var logged_high: Int64
    var status: String
    var source: String
    var severity: String
    var severity_rank: Int16
    var topics: [String]
    var hot_spot: Bool
    var logged_at: Int64
    var next_due_at: Int64?
    var search_document: String

    /// `id` is the incident's key: the events' `incidentId`, which a state folded without its
    /// `IncidentLogged` does not carry.
    init(_ id: String, _ version: IncidentVersion, validTo: Int64?) {
        let row = version.row
        incident_id = id
        valid_from = version.from
        valid_to = validTo
        state = version.current.state
        open = version.current.state.isOpen
        units = row.units
        last_event_at = row.lastEventAt.microsecondsSinceEpoch
        last_position = version.current.lastPosition
        logged_from = version.current.loggedFrom
        logged_high = version.current.loggedHigh.microsecondsSinceEpoch
        status = row.status.rawValue
        source = row.source.rawValue
        severity = row.severity.rawValue
        severity_rank = row.severity.rank
        topics = row.topics
        hot_spot = row.hotSpot
        logged_at = row.loggedAt.microsecondsSinceEpoch
        next_due_at = row.nextDueAt?.microsecondsSinceEpoch
        search_document = row.searchDocument
    }
}

/// A row of `incident_versions` this code cannot read.
enum IncidentVersionsTableError: Error, CustomStringConvertible {
    case unreadableRow(String)

    var description: String {
        switch self {
        case .unreadableRow(let start): return "an incident_versions row could not be read: \(start)…"
        }
    }
}
