import API
import EventStore
import Logging
import PostgresNIO

/// Answers the readiness probe and guards start-up: the database answers and no migration is pending.
struct ReadinessCheck: Sendable {
    let client: PostgresClient
    let logger: Logger

    /// The current readiness, never throwing: failures are reported in the answer.
    func check() async -> Readiness {
        do {
            let status = try await Migrator(client: client, logger: logger).status()
            return Readiness(database: "ok", migrations: status.pending.isEmpty ? "current" : "behind")
        } catch let error as MigrationError {
            return Readiness(database: "ok", migrations: "\(error)")
        } catch {
            return Readiness(database: "unreachable", migrations: "unknown")
        }
    }

    /// Throws `MigrationError.behind` (with what to run) when migrations are pending or changed.
    func requireCurrentMigrations() async throws {
        let status = try await Migrator(client: client, logger: logger).status()
        guard status.pending.isEmpty else { throw MigrationError.behind(pending: status.pending) }
    }
}
