import EventStore
import Foundation
import LedgerTestSupport
import Migrations
import Testing

/// A command that cannot use its database says why in one line, soon, with an exit code per kind
/// (docs/operations.md, "Exit codes"): the pool's endless retries (67 s, then an opaque
/// `ConnectionPoolError`) never start.
@Suite struct StartupFailureTests {
    /// Generous against a loaded machine; the probe's own limit is 3 s of connecting.
    static let bound: Duration = .seconds(15)

    /// Runs `arguments` against `url`, timing it; checks the exit code and that stderr is one line
    /// containing `expected`.
    func expectFailure(
        _ arguments: [String], url: String, code: Int32, saying expected: String, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        var environment = ProcessInfo.processInfo.environment
        environment["DATABASE_URL"] = url
        environment["LOG_LEVEL"] = "info"
        environment["PORT"] = String(try LedgerProcess.freePort())
        let clock = ContinuousClock()
        let started = clock.now
        let output = try await LedgerProcess.run(arguments, environment: environment)
        let took = clock.now - started
        print("\(arguments.joined(separator: " ")) against \(url): exit \(output.status) after \(took)")
        let lines = output.stderr.split(separator: "\n")
        #expect(output.status == code, "exit \(output.status), stderr: \(output.stderr)", sourceLocation: sourceLocation)
        #expect(lines.count == 1, "one line, not: \(output.stderr)", sourceLocation: sourceLocation)
        #expect(output.stderr.contains(expected), "stderr: \(output.stderr)", sourceLocation: sourceLocation)
        #expect(!output.stderr.contains("ConnectionPoolError"), sourceLocation: sourceLocation)
        #expect(took < Self.bound, "took \(took)", sourceLocation: sourceLocation)
    }

    func url(_ admin: DatabaseURL, user: String? = nil, port: Int? = nil, host: String? = nil, database: String? = nil) -> String {
        "postgres://\(user ?? admin.username)@\(host ?? admin.host):\(port ?? admin.port)/\(database ?? admin.database)?sslmode=disable"
    }

    @Test(arguments: [["serve"], ["migrate"], ["migrate", "--status"], ["tokens", "list"]])
    func aMissingDatabase(_ command: [String]) async throws {
        let admin = try TestDatabase.adminURL()
        let missing = "olt_missing_\(UUID().uuidString.prefix(8).lowercased())"
        try await expectFailure(
            command, url: url(admin, database: missing), code: 4, saying: "database \"\(missing)\" does not exist")
    }

    @Test(arguments: [["serve"], ["migrate", "--status"]])
    func anUnknownRole(_ command: [String]) async throws {
        let admin = try TestDatabase.adminURL()
        try await expectFailure(command, url: url(admin, user: "no_such_role"), code: 5, saying: "refused user \"no_such_role\"")
    }

    @Test(arguments: [["serve"], ["migrate", "--status"]])
    func nothingListening(_ command: [String]) async throws {
        let port = try LedgerProcess.freePort()
        try await expectFailure(
            command, url: "postgres://ledger@127.0.0.1:\(port)/opinion_ledger?sslmode=disable", code: 6,
            saying: "cannot reach PostgreSQL at 127.0.0.1:\(port) (connection refused")
    }

    /// A listener that accepts TCP but never answers the start-up message stands for a server that
    /// drops packets; the connect timeout must end it.
    @Test func aServerThatNeverAnswers() async throws {
        let listener = try SilentListener()
        defer { listener.close() }
        try await expectFailure(
            ["migrate", "--status"], url: "postgres://ledger@127.0.0.1:\(listener.port)/opinion_ledger?sslmode=disable", code: 6,
            saying: "no answer within")
    }

    @Test func serveAndStatusOnADatabaseBehindOnMigrations() async throws {
        try await TestDatabase.with(migrated: false) { database in
            let files = try MigrationFiles.all()
            try await Migrator(client: database.client, logger: database.logger, files: Array(files.dropLast())).migrate()
            let last = try #require(files.last).name
            var environment = LedgerProcess.environment(database.url, extra: ["PORT": String(try LedgerProcess.freePort())])
            environment["LOG_LEVEL"] = "info"
            let serve = try await LedgerProcess.run(["serve"], environment: environment)
            #expect(serve.status == 3, "stderr: \(serve.stderr)")
            #expect(serve.stderr.split(separator: "\n").count == 1, "one line, not: \(serve.stderr)")
            #expect(serve.stderr.contains(last) && serve.stderr.contains("run `opinion-ledger migrate`"), "\(serve.stderr)")
            #expect(!serve.stderr.contains("does not exist"), "\(serve.stderr)")
            let status = try await LedgerProcess.run(["migrate", "--status"], environment: environment)
            #expect(status.status == 3, "\(status.stderr)")
            #expect(status.stdout.contains("pending  \(last)"), "\(status.stdout)")
        }
    }
}
