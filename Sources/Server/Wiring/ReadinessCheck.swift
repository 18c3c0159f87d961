import API
import EventStore
import Events
import Logging
import PostgresNIO

/// Answers the readiness probe and guards start-up: the database answers and no migration is pending.
struct ReadinessCheck: Sendable {
    let clients: @Sendable () -> PostgresClient
    let availability: (any DatabaseAvailability)?
    let logger: Logger
    /// The longest a readiness answer waits for the database.
    let limit: Duration

    /// Creates the check; `client` is read at each use, `availability` (the server's probe) answers
    /// "unreachable" at once while the database is known to be gone.
    init(
        client: @autoclosure @escaping @Sendable () -> PostgresClient, availability: (any DatabaseAvailability)? = nil,
        logger: Logger, limit: Duration = .milliseconds(800)
    ) {
        self.clients = client
        self.availability = availability
        self.logger = logger
        self.limit = limit
    }

    /// The current readiness within `limit`, never throwing: failures are reported in the answer.
    func check() async -> Readiness {
        let unreachable = Readiness(database: "unreachable", migrations: "unknown")
        if let availability, !availability.isAvailable { return unreachable }
        let clients = clients
        let logger = logger
        return await FirstOutcome.value(within: limit, orElse: unreachable) {
            do {
                let status = try await Migrator(client: clients(), logger: logger).status()
                return Readiness(database: "ok", migrations: status.pending.isEmpty ? "current" : "behind")
            } catch let error as MigrationError {
                return Readiness(database: "ok", migrations: "\(error)")
            }
        }
    }

    /// Throws `MigrationError.behind` (with what to run) when migrations are pending or changed.
    func requireCurrentMigrations() async throws {
        let status = try await Migrator(client: clients(), logger: logger).status()
        guard status.pending.isEmpty else { throw MigrationError.behind(pending: status.pending) }
    }
}
