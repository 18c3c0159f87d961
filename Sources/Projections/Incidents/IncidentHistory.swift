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
        let logger = logger
        var binds = PostgresBindings()
        binds.append(position)
        var conditions = ["valid_from <= $1", "(valid_to IS NULL OR valid_to > $1)"]
        if let units = selection.concerning {
            binds.append(units.sorted())
            conditions.append("units && $\(binds.count)::text[]")
        }
        if selection.openOnly { conditions.append("open") }
        if let since = selection.openOrActiveSince {
            binds.append(since.microsecondsSinceEpoch)
            conditions.append("(open OR last_event_at >= to_timestamp(0) + $\(binds.count)::bigint * interval '1 microsecond')")
        }
        let query = PostgresQuery(
            unsafeSQL: """
                SELECT \(IncidentHistoryProjection.versions.keyedText), valid_from FROM incident_versions
                WHERE \(conditions.joined(separator: " AND "))
                """,
            binds: binds)
        let rows = try await client.bounded { connection in
            var rows: [(String, Int64)] = []
            for try await row in try await connection.query(query, logger: logger).decode((String, Int64).self) { rows.append(row) }
            return rows
        }
        var entries: [String: IncidentRegister.Entry] = [:]
        let decoder = JSONDecoder()
        for (text, from) in rows {
            let (id, state) = try KeyedVersions<IncidentState>.decode(text, decoder: decoder)
            entries[id] = .init(state: state, lastPosition: from)
        }
        return entries
    }
}
