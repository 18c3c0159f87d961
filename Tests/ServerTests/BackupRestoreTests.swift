import EventStore
import Foundation
import LedgerTestSupport
import PostgresNIO
import Testing

/// The backup runbook of docs/operations.md, done as an operator does it: keep a signed checkpoint,
/// `pg_dump`, `pg_restore` into an empty database, then `check-projections` and `verify` against the
/// checkpoint kept from before. A backup taken before the checkpoint is caught: its log no longer
/// reaches the checkpoint's position.
@Suite struct BackupRestoreTests {
    /// A PostgreSQL client program (`pg_dump`, `pg_restore`): from PATH, else Debian's server folders.
    static func program(_ name: String) throws -> URL {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let folders = path.split(separator: ":").map(String.init)
        let debian =
            (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql"))?.sorted().reversed()
            .map { "/usr/lib/postgresql/\($0)/bin" } ?? []
        for folder in folders + debian where FileManager.default.isExecutableFile(atPath: "\(folder)/\(name)") {
            return URL(fileURLWithPath: "\(folder)/\(name)")
        }
        throw SetupError("\(name) not found: install PostgreSQL's client programs (Debian: postgresql-client)")
    }

    static func libpqURL(_ url: DatabaseURL) -> String {
        "postgres://\(url.username)@\(url.host):\(url.port)/\(url.database)?sslmode=disable"
    }

    static func file(_ name: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("backup-\(UUID().uuidString)-\(name)")
    }

    /// Dumps `url` in PostgreSQL's custom format into a new file.
    static func dump(_ url: DatabaseURL) async throws -> URL {
        let target = file("ledger.dump")
        let dump = try await LedgerProcess.run(
            executable: try program("pg_dump"), ["--format=custom", "--file", target.path, libpqURL(url)], environment: [:])
        #expect(dump.status == 0, "pg_dump: \(dump.stderr)")
        return target
    }

    /// Restores `dump` into a new, empty database beside `url` and returns its URL.
    static func restore(_ dump: URL, beside url: DatabaseURL) async throws -> DatabaseURL {
        let name = "olt_restore_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(12)
        try await TestDatabase.withClient(try TestDatabase.adminURL(), maximumConnections: 1) { client in
            try await client.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"))
        }
        let restored = url.with(database: String(name))
        let restore = try await LedgerProcess.run(
            executable: try program("pg_restore"), ["--no-owner", "--exit-on-error", "--dbname", libpqURL(restored), dump.path],
            environment: [:])
        #expect(restore.status == 0, "pg_restore: \(restore.stderr)")
        return restored
    }

    static func drop(_ url: DatabaseURL) async {
        _ = try? await TestDatabase.withClient(try TestDatabase.adminURL(), maximumConnections: 1) { client in
            try await client.query(PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(url.database) WITH (FORCE)"))
        }
    }

    @Test func aRestoredBackupPassesCheckProjectionsAndVerifiesAgainstTheCheckpointKeptBefore() async throws {
        try await TestDatabase.with { database in
            let key = Data((0..<32).map { UInt8(($0 * 11 + 5) % 256) }).base64EncodedString()
            let environment = LedgerProcess.environment(database.url, extra: ["LEDGER_SIGNING_KEY": key])
            // A log with incidents and reporting duties, so that the restored read models have rows to check.
            let written = try await LedgerProcess.run(
                ["bench-rebuild", "--incidents", "6", "--reports", "6", "--rounds", "1"], environment: environment)
            #expect(written.status == 0, "\(written.stderr)")
            let early = try await Self.dump(database.url)
            try await AuditCommandLineTests.seed(database, count: 5)
            let head = try await database.store().headPosition()

            // 1. Keep a signed checkpoint (and the public key) from the running server.
            let token = try await LedgerProcess.run(
                ["tokens", "create", "--role", "auditor", "--name", "backup"], environment: environment
            )
            .stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            let server = try RunningServer(environment: environment)
            try await server.waitUntilReady()
            let checkpoint = try await server.get("/v1/audit/checkpoint", token: token)
            let publicKey = try await server.get("/v1/audit/public-key", token: token)
            #expect(await server.terminate() == 0)
            #expect(checkpoint.status == 200, "\(checkpoint.body)")
            let checkpointFile = Self.file("checkpoint.json")
            let keyFile = Self.file("public-key.json")
            try Data(checkpoint.body.utf8).write(to: checkpointFile)
            try Data(publicKey.body.utf8).write(to: keyFile)

            // 2. Dump, 3. restore into an empty database.
            let backup = try await Self.dump(database.url)
            let restored = try await Self.restore(backup, beside: database.url)
            let stale = try await Self.restore(early, beside: database.url)
            let exportFile = Self.file("export.ndjson")
            let staleExport = Self.file("stale.ndjson")
            defer {
                for file in [checkpointFile, keyFile, backup, early, exportFile, staleExport] {
                    try? FileManager.default.removeItem(at: file)
                }
            }

            // 4. check-projections on the restored database: every read model equals a replay of its log.
            let restoredEnvironment = LedgerProcess.environment(restored)
            let check = try await LedgerProcess.run(["check-projections"], environment: restoredEnvironment)
            #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
            #expect(check.stdout.contains("incident-history at position"), "\(check.stdout)")
            #expect(!check.stdout.contains("DIFFERS"), "\(check.stdout)")

            // 5. verify its export against the checkpoint kept from before the backup.
            #expect(
                try await LedgerProcess.run(["export", "--output", exportFile.path], environment: restoredEnvironment).status == 0)
            let verify = try await LedgerProcess.run(
                ["verify", "--file", exportFile.path, "--checkpoint", checkpointFile.path, "--public-key", keyFile.path],
                environment: [:])
            #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
            #expect(verify.stdout.contains("checkpoint: position \(head)"), "\(verify.stdout)")

            // The restored database's schema is current (exit 0), so `serve` would start on it.
            let migrated = try await LedgerProcess.run(["migrate", "--status"], environment: restoredEnvironment)
            #expect(migrated.status == 0, "\(migrated.stdout)\(migrated.stderr)")

            // A backup older than the checkpoint is caught: its log stops before the checkpoint's position.
            #expect(
                try await LedgerProcess.run(["export", "--output", staleExport.path], environment: LedgerProcess.environment(stale)).status
                    == 0)
            let refused = try await LedgerProcess.run(
                ["verify", "--file", staleExport.path, "--checkpoint", checkpointFile.path, "--public-key", keyFile.path],
                environment: [:])
            #expect(refused.status == 1, "\(refused.stdout)")
            await Self.drop(restored)
            await Self.drop(stale)
        }
    }
}
