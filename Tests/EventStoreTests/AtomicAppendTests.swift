import Events
import Foundation
import LedgerTestSupport
import Testing

@testable import EventStore

/// All-or-nothing appends: when the database refuses one event, none of its request is kept, and its neighbours are unharmed.
@Suite("All-or-nothing appends")
struct AtomicAppendTests {
    /// A trigger that makes PostgreSQL refuse any event of type `Poison`.
    static let poison = """
        CREATE FUNCTION poison() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN IF NEW.event_type = 'Poison' THEN RAISE EXCEPTION 'poisoned'; END IF; RETURN NEW; END $$;
        CREATE TRIGGER poison BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION poison();
        """

    @Test("a refused event takes its whole request with it; the log continues without a gap")
    func wholeRequestRolledBack() async throws {
        try await TestDatabase.with { db in
            let store = db.store()
            _ = try await store.append(Fixtures.request(Fixtures.stream("before"), .any, [Fixtures.event(n: 1), Fixtures.event(n: 2)]))
            try await db.asSuperuser(Self.poison)

            let stream = try Fixtures.stream("victim")
            let poisoned = try Fixtures.request(
                stream, .noStream, [Fixtures.event("Good", n: 1), Fixtures.event("Poison", n: 2)], key: "poisoned-key")
            let error = await #expect(throws: EventStoreError.self) { try await store.append(poisoned) }
            guard case .storageUnavailable(let reason) = error else {
                Issue.record("expected storageUnavailable, got \(String(describing: error))")
                return
            }
            #expect(reason.contains("poisoned"))
            #expect(try await store.readStream(stream, fromVersion: 1, limit: 10).isEmpty)
            #expect(try await store.headPosition() == 2)

            // The idempotency record was rolled back too: the key is free for a good request.
            let good = try Fixtures.request(stream, .noStream, [Fixtures.event("Good", n: 3)], key: "poisoned-key")
            #expect(try await store.append(good) == AppendResult(streamVersion: 1, positions: [3]))
            let verification = try await store.verifyChain()
            #expect(verification.valid)
            #expect(verification.checked == 3)
            #expect(try await Fixtures.allEvents(store).map(\.position) == [1, 2, 3])
        }
    }

    @Test("one poisoned request in a shared batch fails alone; the others commit", arguments: [1, 4])
    func poisonedNeighbourInBatch(poisonedIndex: Int) async throws {
        try await TestDatabase.with { db in
            try await db.asSuperuser(Self.poison)
            let writer = BatchWriter(clients: { db.client }, logger: db.logger, now: { Timestamp(Date()) })
            let requests = try (0..<6).map { index in
                try PreparedAppend(
                    Fixtures.request(
                        Fixtures.stream("batch-\(index % 3)"), .any,
                        [Fixtures.event(index == poisonedIndex ? "Poison" : "Good", n: Int64(index))]))
            }
            let outcomes = await writer.commit(requests)
            try #require(outcomes.count == requests.count)
            var next: Int64 = 1
            for (index, outcome) in outcomes.enumerated() {
                if index == poisonedIndex {
                    guard case .failure(.storageUnavailable(let reason)) = outcome else {
                        Issue.record("request \(index): expected storageUnavailable, got \(outcome)")
                        continue
                    }
                    #expect(reason.contains("poisoned"))
                } else {
                    #expect(try outcome.get().positions == [next], "request \(index)")
                    next += 1
                }
            }
            let store = db.store()
            let log = try await Fixtures.allEvents(store)
            #expect(log.map(\.position) == Array(1...5))
            #expect(!log.contains { $0.type == "Poison" })
            #expect(try await store.verifyChain().checked == 5)
        }
    }

    @Test("concurrent appends through one store: the poisoned one fails, every other succeeds")
    func concurrentWithPoison() async throws {
        try await TestDatabase.with { db in
            try await db.asSuperuser(Self.poison)
            let store = db.store()
            let count = 12
            let poisonedIndex = 5
            let requests = try (0..<count).map { index in
                try Fixtures.request(
                    Fixtures.stream("c-\(index % 4)"), .any,
                    [Fixtures.event(index == poisonedIndex ? "Poison" : "Good", n: Int64(index))])
            }
            let outcomes = await withTaskGroup(of: (Int, Result<AppendResult, EventStoreError>).self) { group in
                for (index, request) in requests.enumerated() {
                    group.addTask {
                        (index, await Fixtures.outcome { () throws(EventStoreError) in try await store.append(request) })
                    }
                }
                var outcomes: [Int: Result<AppendResult, EventStoreError>] = [:]
                for await (index, outcome) in group { outcomes[index] = outcome }
                return outcomes
            }
            for index in 0..<count {
                let outcome = try #require(outcomes[index])
                if index == poisonedIndex {
                    guard case .failure(.storageUnavailable) = outcome else {
                        Issue.record("the poisoned request should fail with storageUnavailable, got \(outcome)")
                        continue
                    }
                } else {
                    #expect(throws: Never.self, "request \(index)") { try outcome.get() }
                }
            }
            let positions = outcomes.values.compactMap { try? $0.get().positions }.flatMap { $0 }
            #expect(positions.sorted() == Array(1...Int64(count - 1)))
            #expect(try await store.verifyChain().checked == Int64(count - 1))
        }
    }
}
