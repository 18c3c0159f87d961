import EventStore
import Events
import Foundation
import LedgerTestSupport
import PostgresNIO
import Testing

@testable import Migrations

/// The migrator: applies each bundled file once, records checksums, and refuses a database whose applied files changed.
@Suite("Migrator")
struct MigratorTests {
    @Test("a fresh database gets every file once; running again applies nothing")
    func idempotent() async throws {
        try await TestDatabase.with(migrated: false) { db in
            let files = try MigrationFiles.all()
            let names = files.map(\.name)
            // Every file in the repository's migrations/sql ships in the bundle, in name order.
            let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent("migrations/sql")
            let inRepository = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".sql") }.sorted()
            try #require(names == inRepository)
            try #require(names.first == "0001_event_log.sql")
            let migrator = try Migrator(client: db.client, logger: db.logger)
            let before = try await migrator.status()
            #expect(before.applied == [])
            #expect(before.pending == names)
            #expect(try await migrator.migrate() == names)
            #expect(try await migrator.migrate() == [])
            #expect(try await Migrator(client: db.client, logger: db.logger).migrate() == [])
            let after = try await migrator.status()
            #expect(after.applied == names)
            #expect(after.pending == [])
            // The schema really exists: the event store works on it.
            #expect(try await db.store().headPosition() == 0)
        }
    }

    @Test("migrations started concurrently still apply each file exactly once")
    func concurrent() async throws {
        try await TestDatabase.with(migrated: false) { db in
            let applied = try await withThrowingTaskGroup(of: [String].self) { group in
                for _ in 0..<4 {
                    group.addTask { try await Migrator(client: db.client, logger: db.logger).migrate() }
                }
                var all: [String] = []
                for try await names in group { all += names }
                return all
            }
            #expect(applied.sorted() == (try MigrationFiles.all()).map(\.name))
        }
    }

    @Test("a file changed after it was applied is refused")
    func changedFileRefused() async throws {
        try await TestDatabase.with { db in
            var files = try MigrationFiles.all()
            let original = files[0]
            files[0] = MigrationFiles.File(name: original.name, sql: original.sql + "\n-- an innocent-looking edit\n")
            let migrator = try Migrator(client: db.client, logger: db.logger, files: files)
            await #expect {
                try await migrator.migrate()
            } throws: { error in
                guard case MigrationError.appliedFileChanged(let name, let recorded, let current) = error else { return false }
                return name == original.name && recorded != current
            }
            await #expect(throws: MigrationError.self) { try await migrator.status() }
        }
    }

    @Test("a migration the binary does not know is refused")
    func unknownMigrationRefused() async throws {
        try await TestDatabase.with { db in
            try await db.asSuperuser("INSERT INTO schema_migrations (name, checksum) VALUES ('0099_future.sql', 'x')")
            await #expect(throws: MigrationError.unknownMigrationApplied(name: "0099_future.sql")) {
                try await Migrator(client: db.client, logger: db.logger).status()
            }
        }
    }

    @Test("a new file is pending and applied after the existing ones")
    func newFilePending() async throws {
        try await TestDatabase.with { db in
            let files =
                try MigrationFiles.all() + [
                    MigrationFiles.File(name: "0003_test.sql", sql: "CREATE TABLE probe (id int); INSERT INTO probe VALUES (7);")
                ]
            let migrator = try Migrator(client: db.client, logger: db.logger, files: files)
            #expect(try await migrator.status().pending == ["0003_test.sql"])
            #expect(try await migrator.migrate() == ["0003_test.sql"])
            let rows = try await db.client.query("SELECT id FROM probe")
            var ids: [Int32] = []
            for try await id in rows.decode(Int32.self) { ids.append(id) }
            #expect(ids == [7])
        }
    }
}
