import EventStore
import Foundation
import LedgerTestSupport
import Logging
import PostgresNIO
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
}
