import EventStore
import Foundation
import LedgerTestSupport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The binary as an operator uses it: migrate, serve (refusing a database that is behind),
/// tokens, configuration errors and graceful shutdown.
@Suite struct CommandLineTests {
    @Test func serveRefusesADatabaseThatIsBehindAndSaysWhatToRun() async throws {
        try await TestDatabase.with(migrated: false) { database in
            let environment = LedgerProcess.environment(database.url, extra: ["PORT": String(try LedgerProcess.freePort())])
            let output = try await LedgerProcess.run(["serve"], environment: environment)
            #expect(output.status != 0)
            #expect(output.stderr.contains("opinion-ledger migrate"), "stderr: \(output.stderr)")
        }
    }

    @Test func migrateAppliesOnceAndRefusesAChangedFile() async throws {
        try await TestDatabase.with(migrated: false) { database in
            let environment = LedgerProcess.environment(database.url)
            let first = try await LedgerProcess.run(["migrate"], environment: environment)
            #expect(first.status == 0, "\(first.stderr)")
            #expect(first.stdout.contains("0001_event_log.sql"))
            let second = try await LedgerProcess.run(["migrate"], environment: environment)
            #expect(second.stdout.contains("up to date"))
            try await database.asSuperuser("UPDATE schema_migrations SET checksum = repeat('0', 64) WHERE name = '0001_event_log.sql'")
            let changed = try await LedgerProcess.run(["migrate"], environment: environment)
            #expect(changed.status != 0)
            #expect(changed.stderr.contains("0001_event_log.sql was changed after it was applied"), "stderr: \(changed.stderr)")
            let serve = try await LedgerProcess.run(["serve"], environment: environment)
            #expect(serve.status != 0)
        }
    }

    @Test func missingOrBadConfigurationIsAClearError() async throws {
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "DATABASE_URL")
        let missing = try await LedgerProcess.run(["serve"], environment: environment)
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("DATABASE_URL is not set"))
        environment["DATABASE_URL"] = "mysql://nobody"
        let wrong = try await LedgerProcess.run(["migrate"], environment: environment)
        #expect(wrong.status != 0)
        #expect(wrong.stderr.contains("DATABASE_URL must look like"))
        environment["DATABASE_URL"] = "postgres://u@127.0.0.1/db"
        environment["PORT"] = "http"
        let port = try await LedgerProcess.run(["serve"], environment: environment)
        #expect(port.stderr.contains("PORT must be a number"))
    }

    @Test func tokensAreShownOnceStoredHashedAndRevocable() async throws {
        try await TestDatabase.with { database in
            let environment = LedgerProcess.environment(database.url)
            let bad = try await LedgerProcess.run(["tokens", "create", "--role", "emperor", "--name", "x"], environment: environment)
            #expect(bad.status != 0)
            let created = try await LedgerProcess.run(
                ["tokens", "create", "--role", "supervisor", "--unit", "unit-dic", "--name", "DIC office"], environment: environment)
            #expect(created.status == 0, "\(created.stderr)")
            let token = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(token.hasPrefix("olg_"))
            let listed = try await LedgerProcess.run(["tokens", "list"], environment: environment)
            #expect(listed.stdout.contains("supervisor"))
            #expect(!listed.stdout.contains(token))
            let stored = try await database.client.query(
                """
                SELECT count(*) FILTER (WHERE t::text LIKE '%' || \(token) || '%'),
                       count(*) FILTER (WHERE token_hash = encode(sha256(convert_to(\(token), 'UTF8')), 'hex'))
                FROM access_tokens t
                """)
            for try await (plain, hashed) in stored.decode((Int64, Int64).self) {
                #expect(plain == 0, "the token itself must not be stored")
                #expect(hashed == 1, "its SHA-256 must be")
            }

            let server = try RunningServer(environment: environment)
            try await server.waitUntilReady()
            #expect(try await server.get("/v1/events", token: token).status == 200)
            let id = try #require(listed.stdout.split(separator: " ").first.map(String.init))
            let revoked = try await LedgerProcess.run(["tokens", "revoke", id], environment: environment)
            #expect(revoked.status == 0, "\(revoked.stderr)")
            #expect(try await server.get("/v1/events", token: token).status == 401)
            #expect(await server.terminate() == 0)
        }
    }

    @Test func serveAnswersReadyAndStopsCleanlyOnSIGTERM() async throws {
        try await TestDatabase.with { database in
            let server = try RunningServer(environment: LedgerProcess.environment(database.url))
            try await server.waitUntilReady()
            let ready = try await server.get("/health/ready")
            #expect(ready.body.contains("\"ready\""))
            #expect(try await server.get("/v1/events").status == 401)
            #expect(await server.terminate() == 0)
        }
    }
}
