import BoundedPostgres
import Events
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

    /// Each incident's state at `position` with the position of its last event there.
    public func entries(at position: Int64) async throws -> [String: IncidentRegister.Entry] {
        let logger = logger
        let query = PostgresQuery(
            unsafeSQL: """
                SELECT \(IncidentHistoryProjection.versions.keyedText), valid_from FROM incident_versions
                WHERE valid_from <= $1 AND (valid_to IS NULL OR valid_to > $1)
                """,
            binds: {
                var binds = PostgresBindings()
                binds.append(position)
                return binds
            }())
        let rows = try await client.bounded { connection in
            var rows: [(String, Int64)] = []
            for try await row in try await connection.query(query, logger: logger).decode((String, Int64).self) { rows.append(row) }
            return rows
        }
        var entries: [String: IncidentRegister.Entry] = [:]
        for (text, from) in rows {
            let (id, state) = try KeyedVersions<IncidentState>.decode(text)
            entries[id] = .init(state: state, lastPosition: from)
        }
        return entries
    }
}
