import Logging
import PostgresNIO

/// The session-level advisory lock that lets one rebuild or check of a projection run at a time,
/// across processes; PostgreSQL releases it if the holder dies.
enum MaintenanceLock {
    /// The lock's first key; the second is `hashtext(name)`. Two-key locks never collide with one-key ones.
    static let space: Int32 = 7_301

    /// Takes the lock on `connection`, runs `body`, and releases it; throws `alreadyRunning` when held elsewhere.
    static func with<T: Sendable>(
        _ name: String, on connection: PostgresConnection, logger: Logger, _ body: () async throws -> T
    ) async throws -> T {
        var acquired = false
        for try await taken in try await connection.query(
            "SELECT pg_try_advisory_lock(\(space), hashtext(\(name)))", logger: logger
        ).decode(Bool.self) {
            acquired = taken
        }
        guard acquired else { throw RebuildError.alreadyRunning(name) }
        do {
            let result = try await body()
            try await release(name, on: connection, logger: logger)
            return result
        } catch {
            // Also when cancelled: a lock left on a pooled connection would refuse every later rebuild.
            await Task { try? await release(name, on: connection, logger: logger) }.value
            throw error
        }
    }

    private static func release(_ name: String, on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query("SELECT pg_advisory_unlock(\(space), hashtext(\(name)))", logger: logger)
    }
}
