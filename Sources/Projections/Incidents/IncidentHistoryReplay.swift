import Events
import Foundation
import Logging
import PostgresNIO

/// incident-history's bulk replay for a rebuild (`RebuildReplay`): the fold (`IncidentVersionFold`)
/// stays in memory from page to page, and each incident's latest version is held back until the
/// next one ends it, so every version is written once, by `COPY`, with its `valid_to` known. When
/// more than `capacity` incidents are held, the half changed longest ago is written out as current
/// rows and forgotten; an incident written out that changes again is read back, as `apply` reads
/// it, and its row closed by an `UPDATE`. Memory stays bounded whatever the size of the log.
final class IncidentHistoryReplay: RebuildReplay {
    private let decoder: EventDecoder
    private let capacity: Int
    private var fold = IncidentVersionFold(rules: .empty, current: [:], loggedHigh: nil)
    /// Each held incident's latest version, not yet written.
    private var latest: [String: IncidentVersion] = [:]
    /// Whether incidents were written out (their current rows are in the table): from then on, the
    /// ones a page touches that are not held are looked up there, as `apply` does.
    private var wroteOut = false
    /// Whether the temporary table the versions are copied through exists on this connection.
    private var staged = false

    /// A replay holding at most `capacity` incidents in memory.
    init(decoder: EventDecoder, capacity: Int = 20_000) {
        self.decoder = decoder
        self.capacity = max(capacity, 1)
    }

    func apply(_ events: [RecordedEvent], on connection: PostgresConnection, logger: Logger) async throws {
        let changes = try IncidentVersionFold.changes(of: events, decoder: decoder)
        guard !changes.isEmpty else { return }
        // Incidents written out that change again are read back; so is every open one before a rule change.
        var loaded: [String: IncidentVersionsTable.Current] = [:]
        if wroteOut {
            let missing = IncidentVersionFold.touched(by: changes).filter { fold.current[$0] == nil }
            loaded = try await IncidentVersionsTable.current(of: missing, on: connection, logger: logger)
        }
        if IncidentVersionFold.changesRules(changes), wroteOut {
            for (id, entry) in try await IncidentVersionsTable.currentOpen(on: connection, logger: logger)
            where fold.current[id] == nil && loaded[id] == nil {
                loaded[id] = entry
            }
        }
        var readBack = Set(loaded.keys)
        for (id, entry) in loaded { fold.current[id] = entry }
        var closing: [(id: String, at: Int64)] = []
        var ended: [(id: String, version: IncidentVersion, validTo: Int64?)] = []
        for (position, change) in changes {
            for (id, version) in fold.apply(change, at: position) {
                if let previous = latest[id] {
                    ended.append((id, previous, version.from))
                } else if readBack.remove(id) != nil {
                    closing.append((id, version.from))
                }
                latest[id] = version
            }
        }
        // Incidents read back but left unchanged (open ones before a rule change that moved nothing) stay as stored.
        for id in readBack {
            fold.current[id] = nil
        }
        if latest.count > capacity { ended += writeOutOldest() }
        try await IncidentVersionsTable.close(closing, on: connection, logger: logger)
        try await copy(ended, on: connection, logger: logger)
    }

    func finish(on connection: PostgresConnection, logger: Logger) async throws {
        let held = latest.map { (id: $0.key, version: $0.value, validTo: Int64?.none) }
        latest = [:]
        fold.current = [:]
        try await copy(held, on: connection, logger: logger)
        if staged {
            try await connection.query("DROP TABLE IF EXISTS pg_temp.incident_versions_load", logger: logger)
            staged = false
        }
    }

    /// Forgets the half of the held incidents changed longest ago, returning their latest versions as current rows.
    private func writeOutOldest() -> [(id: String, version: IncidentVersion, validTo: Int64?)] {
        let oldest = latest.sorted { $0.value.from < $1.value.from }.prefix(latest.count - capacity / 2)
        var rows: [(id: String, version: IncidentVersion, validTo: Int64?)] = []
        for (id, version) in oldest {
            rows.append((id, version, nil))
            latest[id] = nil
            fold.current[id] = nil
        }
        wroteOut = true
        return rows
    }

    /// Writes versions: their states into `incident_states`, their columns into `incident_versions`
    /// through a temporary table (the search text is folded by `lower(unaccent(…))`, as `write` does).
    private func copy(
        _ versions: [(id: String, version: IncidentVersion, validTo: Int64?)], on connection: PostgresConnection, logger: Logger
    ) async throws {
        guard !versions.isEmpty else { return }
        if !staged {
            try await connection.query(
                """
                CREATE TEMPORARY TABLE IF NOT EXISTS incident_versions_load (
                    incident_id text, valid_from bigint, valid_to bigint, open boolean, units text[], last_event_at timestamptz,
                    last_position bigint, logged_from bigint, logged_high timestamptz, status text, source text, severity text,
                    severity_rank smallint, topics text[], hot_spot boolean, logged_at timestamptz, next_due_at timestamptz,
                    search_document text
                ) ON COMMIT DELETE ROWS
                """, logger: logger)
            staged = true
        }
        try await connection.copy(versions, into: "incident_states", columns: ["incident_id", "valid_from", "state"], logger: logger) {
            chunk, rows in
            let encoder = JSONEncoder()
            for (id, version, _) in chunk {
                rows.text(id)
                rows.integer(version.from)
                rows.json(try encoder.encode(version.current.state))
                rows.endRow()
            }
        }
        try await connection.copy(
            versions, into: "incident_versions_load",
            columns: [
                "incident_id", "valid_from", "valid_to", "open", "units", "last_event_at", "last_position", "logged_from", "logged_high",
                "status", "source", "severity", "severity_rank", "topics", "hot_spot", "logged_at", "next_due_at", "search_document",
            ], logger: logger
        ) { chunk, rows in
            for (id, version, validTo) in chunk {
                let row = version.row
                rows.text(id)
                rows.integer(version.from)
                rows.integer(validTo)
                rows.boolean(version.current.state.isOpen)
                rows.textArray(row.units)
                rows.timestamp(row.lastEventAt)
                rows.integer(version.current.lastPosition)
                rows.integer(version.current.loggedFrom)
                rows.timestamp(version.current.loggedHigh)
                rows.text(row.status.rawValue)
                rows.text(row.source.rawValue)
                rows.text(row.severity.rawValue)
                rows.integer(row.severity.rank)
                rows.textArray(row.topics)
                rows.boolean(row.hotSpot)
                rows.timestamp(row.loggedAt)
                rows.timestamp(row.nextDueAt)
                rows.text(row.searchDocument)
                rows.endRow()
            }
        }
        try await connection.query(
            """
            INSERT INTO incident_versions (incident_id, valid_from, valid_to, open, units, last_event_at, last_position,
                logged_from, logged_high, status, source, severity, severity_rank, topics, hot_spot, logged_at, next_due_at,
                search_text)
            SELECT incident_id, valid_from, valid_to, open, units, last_event_at, last_position, logged_from, logged_high,
                status, source, severity, severity_rank, topics, hot_spot, logged_at, next_due_at, lower(unaccent(search_document))
            FROM incident_versions_load
            """, logger: logger)
        try await connection.query("TRUNCATE incident_versions_load", logger: logger)
    }
}
