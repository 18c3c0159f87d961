import EventStore
import Events
import Foundation
import LedgerTestSupport
import PostgresNIO
import Testing

/// Immutability and tamper evidence: the trigger refuses edits, and an edit that bypasses it breaks the chain where it happened.
@Suite("Tamper evidence and immutability")
struct TamperEvidenceTests {
    /// Appends five events, `{"n": 1}` … `{"n": 5}`, at positions 1…5.
    private func seed(_ store: PostgresEventStore) async throws -> [RecordedEvent] {
        for n in 1...5 {
            _ = try await store.append(Fixtures.request(Fixtures.stream("s-\(n % 2)"), .any, [Fixtures.event(n: Int64(n))]))
        }
        return try await Fixtures.allEvents(store)
    }

    @Test("an edit made with the trigger disabled is found at its position")
    func editFound() async throws {
        try await TestDatabase.with { db in
            let store = db.store()
            let before = try await seed(store)
            #expect(try await store.verifyChain().valid)
            try await db.asSuperuser(
                "SET session_replication_role = replica; UPDATE events SET data = jsonb_set(data, '{n}', '999') WHERE position = 3")
            // The edit really happened.
            let after = try await Fixtures.allEvents(store)
            #expect(after[2].data == .object(["n": .integer(999)]))
            #expect(after[2].hash == before[2].hash)

            let verification = try await store.verifyChain()
            #expect(!verification.valid)
            #expect(verification.firstBreak?.position == 3)
            #expect(verification.checked == 2)
            #expect(verification.head == ChainHead(position: 2, hash: before[1].hash))
            #expect(verification.firstBreak?.storedHash == before[2].hash)
            #expect(verification.firstBreak?.expectedHash != before[2].hash)
        }
    }

    @Test("a deleted row is found where the gap starts")
    func deletionFound() async throws {
        try await TestDatabase.with { db in
            let store = db.store()
            _ = try await seed(store)
            try await db.asSuperuser("SET session_replication_role = replica; DELETE FROM events WHERE position = 4")
            let verification = try await store.verifyChain()
            #expect(!verification.valid)
            #expect(verification.firstBreak?.position == 5)
            #expect(verification.checked == 3)
        }
    }

    @Test(
        "plain UPDATE, DELETE and TRUNCATE are refused by the trigger, even for the superuser",
        arguments: [
            "UPDATE events SET data = jsonb_set(data, '{n}', '999') WHERE position = 3",
            "UPDATE events SET stream_version = stream_version WHERE position = 3",
            "DELETE FROM events WHERE position = 3",
            "TRUNCATE events",
        ])
    func changesRefused(_ sql: String) async throws {
        try await TestDatabase.with { db in
            let store = db.store()
            let before = try await seed(store)
            let error = await #expect(throws: PSQLError.self) { try await db.asSuperuser(sql) }
            #expect(error?.serverInfo?[.sqlState] == "42501")
            #expect(error?.serverInfo?[.message]?.contains("append-only") == true)
            // Also through the application's own connection pool.
            await #expect(throws: PSQLError.self) { try await db.client.query(PostgresQuery(unsafeSQL: sql)) }
            #expect(try await Fixtures.allEvents(store) == before)
            #expect(try await store.verifyChain().checked == 5)
        }
    }
}
