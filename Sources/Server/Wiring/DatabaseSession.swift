import EventStore
import Logging
import PostgresNIO

/// Runs a short command-line task against the database: starts a client, runs the body, stops it.
enum DatabaseSession {
    static func run<T: Sendable>(
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
