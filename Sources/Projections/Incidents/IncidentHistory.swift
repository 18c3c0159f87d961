import BoundedPostgres
import Events
import Foundation
import Logging
import PostgresNIO

/// Every incident's state as the log stood at a position, from the inline `incident_versions`
/// model: the incident figures and the list at a past cut read it instead of replaying the log.
public struct IncidentHistory: Sendable {
    /// Where the database's client comes from: read at each use, so a client replaced after an
    /// outage (the server's `LedgerDatabase`) is picked up at once.
    let clients: @Sendable () -> PostgresClient
    var client: PostgresClient { clients() }
    let logger: Logger

    /// Creates a reader over the service's database.
    public init(client: @autoclosure @escaping @Sendable () -> PostgresClient, logger: Logger) {
        self.clients = client
        self.logger = logger
    }

    /// The state at `position` of each incident `selection` takes, with the position of its last event there.
    public func entries(at position: Int64, selecting selection: IncidentSelection = .all) async throws -> [String: IncidentRegister.Entry]
    {
        if let units = selection.concerning, units.isEmpty { return [:] }
        var binds = PostgresBindings()
        binds.append(position)
        // The versions valid at the position: a stabbing query on the GiST indexes of 0020.
        var conditions = ["int8range(valid_from, coalesce(valid_to, 9223372036854775807)) @> $1::bigint"]
        if let units = selection.concerning {
            binds.append(units.sorted())
            // A unit set as large as a province's makes the GIN index on `units` slower than the
            // rows it would save; `= ANY` of a bound array is hashed, so each row costs its own units.
            conditions.append("EXISTS (SELECT 1 FROM unnest(units) AS u WHERE u = ANY($\(binds.count)::text[]))")
        }
        let scan = { (more: [String]) in
            "SELECT incident_id || ' ' || last_position || ' ' || s.state::text FROM incident_versions "
                + "JOIN incident_states s USING (incident_id, valid_from) WHERE " + (conditions + more).joined(separator: " AND ")
        }
        let sql: String
        if let since = selection.openOrActiveSince {
            binds.append(since.microsecondsSinceEpoch)
            // Open ones, and closed ones active since the instant: two disjoint index scans.
            let active = "last_event_at >= to_timestamp(0) + $\(binds.count)::bigint * interval '1 microsecond'"
            sql = scan(["open"]) + (selection.openOnly ? "" : "\nUNION ALL\n" + scan(["NOT open", active]))
        } else {
            sql = scan(selection.openOnly ? ["open"] : [])
        }
        let query = PostgresQuery(unsafeSQL: sql, binds: binds)
        var entries: [String: IncidentRegister.Entry] = [:]
        for (id, entry) in try await read(query) { entries[id] = entry }
        return entries
    }

    /// One page of the incident list as the log stood at `position`, each row under
    /// `rules` (the clock rules at that position): the filter, order and cursor of `IncidentPage.of`
    /// stated in SQL over the versions valid there, so a page is an index range with a LIMIT.
    public func page(
        at position: Int64, rules: ClockRuleBook, filter: IncidentListFilter, order: IncidentListOrder, after: IncidentCursor?,
        limit: Int
    ) async throws -> IncidentPage {
        guard !filter.isEmptyForSure else { return IncidentPage(rows: [], next: nil) }
        var sql = IncidentListSQL()
        sql.add(filter)
        sql.add(order, after: after)
        let entries = try await read(sql.versionsQuery(order: order, limit: limit + 1, position: position))
        let rows = entries.map { IncidentRow(state: $0.1.state, rules: rules, lastPosition: $0.1.lastPosition) }.sorted(by: order.precedes)
        let page = Array(rows.prefix(limit))
        return IncidentPage(rows: page, next: rows.count > limit ? page.last.map { IncidentCursor(after: $0, in: order) } : nil)
    }

    /// The rows of a query read as `id lastPosition state-json`, in the order PostgreSQL sends them.
    private func read(_ query: PostgresQuery) async throws -> [(String, IncidentRegister.Entry)] {
        let logger = logger
        let texts = try await client.bounded { connection in
            var texts: [String] = []
            for try await text in try await connection.query(query, logger: logger).decode(String.self) { texts.append(text) }
            return texts
        }
        return try await Self.decode(texts)
    }

    /// Decodes rows read as `id lastPosition state-json`; a few thousand states (the figures of a
    /// province) are split across the cores, as decoding is most of such an answer's time.
    static func decode(_ texts: [String]) async throws -> [(String, IncidentRegister.Entry)] {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        guard texts.count >= 256, cores > 1 else { return try decode(texts[...]) }
        let size = (texts.count + cores - 1) / cores
        return try await withThrowingTaskGroup(of: (Int, [(String, IncidentRegister.Entry)]).self) { group in
            let starts = Array(stride(from: 0, to: texts.count, by: size))
            for (index, start) in starts.enumerated() {
                let chunk = Array(texts[start..<min(start + size, texts.count)])
                group.addTask { (index, try Self.decode(chunk[...])) }
            }
            var parts = Array(repeating: [(String, IncidentRegister.Entry)](), count: starts.count)
            for try await (index, part) in group { parts[index] = part }
            return parts.flatMap { $0 }
        }
    }

    private static func decode(_ texts: ArraySlice<String>) throws -> [(String, IncidentRegister.Entry)] {
        try texts.map { text in
            let fields = text.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
            guard fields.count == 3, let last = Int64(fields[1]) else {
                throw IncidentVersionsTableError.unreadableRow(String(text.prefix(80)))
            }
            // The log's own reader and `JSONValueDecoder` (Foundation only for what they leave); in a
            // release build about as fast as Foundation's decoder (70 against 78 µs a state).
            let state = try JSONValue.parse(fields[2].utf8).decode(as: IncidentState.self)
            return (String(fields[0]), IncidentRegister.Entry(state: state, lastPosition: last))
        }
    }
}
