import BoundedPostgres
import Events
import Logging
import PostgresNIO

/// Which incidents were merged into which, as the log stood at a position, from the inline
/// `incident_merges` model: by index, never by scanning the log's merges.
public struct MergeLinks: Sendable {
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

    /// The ids of incidents merged directly into `incidentId` at or before `position`, in the order
    /// of their merges.
    public func absorbed(into incidentId: String, at position: Int64) async throws -> [String] {
        let logger = logger
        return try await client.bounded { connection in
            var ids: [String] = []
            let rows = try await connection.query(
                "SELECT incident_id FROM incident_merges WHERE into_id = \(incidentId) AND position <= \(position) ORDER BY position",
                logger: logger)
            for try await id in rows.decode(String.self) { ids.append(id) }
            return ids
        }
    }
}
