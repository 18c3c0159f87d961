import EventStore
import Logging
import PostgresNIO

/// Runs a short command-line task against the database: starts a client, runs the body, stops it.
enum DatabaseSession {
    /// Probes the database first (`StartupProbe`): when it cannot be used, says why in one line and
    /// exits with that failure's code instead of letting the pool retry.
    static func run<T: Sendable>(
        _ configuration: ServerConfiguration, logger: Logger,
        _ body: @Sendable (PostgresClient) async throws -> T
    ) async throws -> T {
        try await requireReachable(configuration.database)
        return try await runProbed(configuration, logger: logger, body)
    }

    /// Ends the command with a start-up failure's line and exit code when `url` cannot be used.
    static func requireReachable(_ url: DatabaseURL) async throws {
        do {
            try await StartupProbe.check(url)
        } catch {
            throw error.exit()
        }
    }

    /// `run` without the probe, for a caller that has just probed.
    static func runProbed<T: Sendable>(
        _ configuration: ServerConfiguration, logger: Logger,
        _ body: @Sendable (PostgresClient) async throws -> T
    ) async throws -> T {
        let client = PostgresClient(
            configuration: configuration.database.clientConfiguration(maximumConnections: 4), backgroundLogger: logger)
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask {
                await client.run()
                return nil
            }
            defer { group.cancelAll() }
            return try await body(client)
        }
    }
}
