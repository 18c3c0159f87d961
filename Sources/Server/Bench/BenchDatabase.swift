import EventStore
import Logging
import PostgresNIO

/// Runs the benchmark's body with a `PostgresClient` whose pool is big enough for every writer.
enum BenchDatabase {
    /// Probes the database (`StartupProbe`), starts a client with up to `maximumConnections`
    /// connections, runs `body`, then stops the client.
    static func run<T: Sendable>(
        _ configuration: ServerConfiguration, maximumConnections: Int, logger: Logger,
        _ body: @Sendable (PostgresClient) async throws -> T
    ) async throws -> T {
        try await DatabaseSession.requireReachable(configuration.database)
        let client = PostgresClient(
            configuration: configuration.database.clientConfiguration(maximumConnections: maximumConnections),
            backgroundLogger: logger)
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
