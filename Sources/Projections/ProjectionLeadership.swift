import Logging
import PostgresNIO

/// Which instance runs a followed projection: the one holding the session-level advisory lock
/// `(7302, hashtext(name))` on a connection it keeps for as long as it follows. Every instance serves
/// reads and writes; only the leader applies pages. PostgreSQL releases the lock when the leader's
/// connection ends — its process killed, its host gone — and a standby, trying again every few
/// seconds, takes over where the checkpoint stands (the checkpoint row lock already keeps two
/// runners from applying a page twice; leadership keeps them from both doing the work).
enum ProjectionLeadership {
    /// The lock's first key (`MaintenanceLock` uses 7301); the second is `hashtext(name)`.
    static let space: Int32 = 7_302

    /// Runs `body` while this instance leads `name`: takes the lock on a connection of the pool,
    /// checks every `check` that the connection (and so the lock) still lives, and stops `body`
    /// when it does not. Returns false at once when another instance leads.
    static func whileLeading(
        _ name: String, client: PostgresClient, check: Duration, logger: Logger, _ body: @escaping @Sendable () async throws -> Void
    ) async throws -> Bool {
        try await client.withConnection { connection in
            var acquired = false
            for try await taken in try await connection.query(
                "SELECT pg_try_advisory_lock(\(space), hashtext(\(name)))", logger: logger
            ).decode(Bool.self) {
                acquired = taken
            }
            guard acquired else { return false }
            logger.info("projection runner leads", metadata: ["projection": "\(name)"])
            do {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask { try await body() }
                    group.addTask {
                        while true {
                            try await Task.sleep(for: check)
                            try await connection.query("SELECT 1", logger: logger)
                        }
                    }
                    defer { group.cancelAll() }
                    try await group.next()
                }
            } catch {
                // Also when cancelled: a lock left on a pooled connection would keep every other instance waiting.
                await Task { try? await release(name, on: connection, logger: logger) }.value
                throw error
            }
            try await release(name, on: connection, logger: logger)
            return true
        }
    }

    private static func release(_ name: String, on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query("SELECT pg_advisory_unlock(\(space), hashtext(\(name)))", logger: logger)
    }
}
