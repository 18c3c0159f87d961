import Events
import Foundation
import Logging
import PostgresNIO

import EventStore

/// A fresh, migrated PostgreSQL database for one test, on the server named by `TEST_DATABASE_URL`
/// (started by `scripts/test`). Tests never share a database, so they can run in parallel.
public struct TestDatabase: Sendable {
    /// The admin URL tests connect to; its database is `postgres`.
    public static func adminURL() throws -> DatabaseURL {
        guard let text = ProcessInfo.processInfo.environment["TEST_DATABASE_URL"] else {
            throw SetupError("TEST_DATABASE_URL is not set: run the tests with scripts/test, which starts PostgreSQL")
        }
        return try DatabaseURL(text)
    }

    /// The URL of this test's database.
    public let url: DatabaseURL
    /// A running client connected to it.
    public let client: PostgresClient
    /// A logger for the store under test.
    public let logger: Logger

    /// Creates a database named after the test, runs `body` with it, then drops it.
    public static func with<T: Sendable>(
        migrated: Bool = true, maximumConnections: Int = 8,
        _ body: @Sendable (TestDatabase) async throws -> T
    ) async throws -> T {
        let admin = try adminURL()
        let name = "olt_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
        let logger = {
            var logger = Logger(label: "test"); logger.logLevel = .warning; return logger
        }()
        try await withClient(admin, maximumConnections: 1) { client in
            try await client.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"))
        }
        let url = admin.with(database: String(name))
        let result: Result<T, any Error>
        do {
            let value = try await withClient(url, maximumConnections: maximumConnections) { client in
                let database = TestDatabase(url: url, client: client, logger: logger)
                if migrated { try await Migrator(client: client, logger: logger).migrate() }
                return try await body(database)
            }
            result = .success(value)
        } catch {
            result = .failure(error)
        }
        _ = try? await withClient(admin, maximumConnections: 1) { client in
            try await client.query(PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)"))
        }
        return try result.get()
    }

    /// Runs `body` with a client whose `run()` is active, and shuts it down afterwards.
    @discardableResult
    public static func withClient<T: Sendable>(
        _ url: DatabaseURL, maximumConnections: Int,
        _ body: @Sendable (PostgresClient) async throws -> T
    ) async throws -> T {
        let client = PostgresClient(configuration: url.clientConfiguration(maximumConnections: maximumConnections))
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask {
                await client.run()
                return nil
            }
            defer { group.cancelAll() }
            return try await body(client)
        }
    }

    /// Runs SQL (one or more statements) as the server's superuser in this test's database, on one
    /// connection, to bypass the log's guards on purpose.
    public func asSuperuser(_ sql: String) async throws {
        try await Self.withClient(url, maximumConnections: 1) { client in
            try await client.withConnection { connection in
                for statement in SQLScript.statements(sql) {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: Logger(label: "test"))
                }
            }
        }
    }

    /// A store over this database.
    public func store(now: @escaping @Sendable () -> Timestamp = { Timestamp(Date()) }) -> PostgresEventStore {
        PostgresEventStore(client: client, logger: logger, pollInterval: .milliseconds(200), now: now)
    }
}

/// A test could not be set up (missing environment, unreachable server).
public struct SetupError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
