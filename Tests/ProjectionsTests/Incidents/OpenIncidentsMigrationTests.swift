import EventStore
import Foundation
import LedgerTestSupport
import Logging
import Migrations
import PostgresNIO
import Projections
import Testing

/// The open-incidents migration needs `unaccent`, a trusted extension: a database owner without
/// superuser rights (as in production) can apply every migration and search without diacritics.
@Suite struct OpenIncidentsMigrationTests {
    @Test func aNonSuperuserOwnerAppliesTheMigrations() async throws {
        let admin = try TestDatabase.adminURL()
        let suffix = UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(12)
        let role = "olt_owner_\(suffix)"
        let name = "olt_nosu_\(suffix)"
        try await TestDatabase.withClient(admin, maximumConnections: 1) { client in
            try await client.query(PostgresQuery(unsafeSQL: "CREATE ROLE \(role) LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE"))
            try await client.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name) OWNER \(role)"))
        }
        var url = admin.with(database: name)
        url.username = role
        let logger = Logger(label: "test")
        let outcome: Result<String, any Error>
        do {
            outcome = .success(
                try await TestDatabase.withClient(url, maximumConnections: 2) { client in
                    _ = try await Migrator(client: client, logger: logger).migrate()
                    var folded = ""
                    for try await text in try await client.query("SELECT lower(unaccent('Dư LUẬN ĐƯỜNG đất'))", logger: logger).decode(
                        String.self)
                    {
                        folded = text
                    }
                    return folded
                })
        } catch {
            outcome = .failure(error)
        }
        try await TestDatabase.withClient(admin, maximumConnections: 1) { client in
            try await client.query(PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)"))
            try await client.query(PostgresQuery(unsafeSQL: "DROP ROLE IF EXISTS \(role)"))
        }
        #expect(try outcome.get() == "du luan duong dat")
    }

    @Test func aDatabaseMigratedWithTheFirst0006GetsTheEventsColumnAndRefillsFromTheLog() async throws {
        try await TestDatabase.with(migrated: false) { database in
            let all = try MigrationFiles.all()
            let before = all.filter { $0.name < "0011" }
            #expect(all.map(\.name).contains("0011_open_incidents_events.sql"))
            _ = try await Migrator(client: database.client, logger: database.logger, files: before).migrate()
            // A row and a checkpoint as the first read model kept them (the folded state in `state`).
            try await database.asSuperuser(
                """
                INSERT INTO open_incidents (incident_id, status, source, outlet, title, summary, topics, unit_ids, units,
                    severity, severity_rank, hot_spot, sighting_count, published_at, logged_at, last_event_at, search_text,
                    state, version, last_position)
                VALUES ('i-1', 'open', 'press', 'Báo', 'T', 'S', '{}', '{}', '{}', 'low', 0, false, 1, now(), now(), now(), 't',
                    '{}', 1, 7);
                INSERT INTO projection_checkpoints (name, position) VALUES ('open-incidents', 7)
                """)
            let applied = try await Migrator(client: database.client, logger: database.logger, files: all.filter { $0.name < "0012" })
                .migrate()
            #expect(applied == ["0011_open_incidents_events.sql"])
            var columns: [String] = []
            for try await name in try await database.client.query(
                "SELECT column_name FROM information_schema.columns WHERE table_name = 'open_incidents' AND column_name IN ('state', 'events')"
            ).decode(String.self) { columns.append(name) }
            #expect(columns == ["events"])
            var rows: Int64 = -1
            for try await count in try await database.client.query("SELECT count(*)::bigint FROM open_incidents").decode(Int64.self) {
                rows = count
            }
            #expect(rows == 0, "rows of the old shape are gone; the runner refills them")
            let checkpoint = try await ProjectionCheckpoints.position(
                of: "open-incidents", client: database.client, logger: database.logger)
            #expect(checkpoint == 0)
        }
    }
}
