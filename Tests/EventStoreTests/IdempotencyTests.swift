import EventStore
import Events
import Foundation
import LedgerTestSupport
import Testing

/// Safe retries on PostgreSQL: the same key and body answers the first result and writes nothing; another body is refused.
@Suite("Idempotent appends")
struct IdempotencyTests {
    @Test("a retry with the same key and request replays the first answer and appends nothing")
    func retryReplays() async throws {
        try await TestDatabase.with { db in
            let store = db.store()
            let stream = try Fixtures.stream("report-1")
            _ = try await store.append(Fixtures.request(Fixtures.stream("before"), .any, [Fixtures.event(n: 0)]))
            let request = try Fixtures.request(stream, .noStream, [Fixtures.event(n: 1), Fixtures.event(n: 2)], key: "key-1")
            let first = try await store.append(request)
            #expect(first == AppendResult(streamVersion: 2, positions: [2, 3], replayed: false))

            let retry = try await store.append(request)
            #expect(retry == AppendResult(streamVersion: 2, positions: [2, 3], replayed: true))

            // A retry built afresh by a client (new event ids, new metadata) is still the same request.
            var rebuilt = try Fixtures.request(stream, .noStream, [Fixtures.event(n: 1), Fixtures.event(n: 2)], key: "key-1")
            rebuilt.metadata.correlationId = UUID()
            #expect(try await store.append(rebuilt) == retry)

            #expect(try await store.headPosition() == 3)
            let stored = try await store.readStream(stream, fromVersion: 1, limit: 100)
            #expect(stored.map(\.id) == request.events.map(\.id))
            #expect(try await store.verifyChain().checked == 3)
        }
    }

    @Test("the same key with another body is refused and nothing is appended")
    func keyReuseRefused() async throws {
        try await TestDatabase.with { db in
            let store = db.store()
            let stream = try Fixtures.stream("report-1")
            let original = try Fixtures.request(stream, .noStream, [Fixtures.event(n: 1)], key: "key-1")
            _ = try await store.append(original)

            let sameStreamOtherBody = try Fixtures.request(stream, .exact(1), [Fixtures.event(n: 2)], key: "key-1")
            await #expect(throws: EventStoreError.idempotencyKeyReused(key: "key-1")) {
                try await store.append(sameStreamOtherBody)
            }
            let otherStream = try Fixtures.stream("report-2")
            let otherStreamSameEvents = try Fixtures.request(otherStream, .noStream, [Fixtures.event(n: 1)], key: "key-1")
            await #expect(throws: EventStoreError.idempotencyKeyReused(key: "key-1")) {
                try await store.append(otherStreamSameEvents)
            }
            #expect(try await store.headPosition() == 1)
            #expect(try await store.readStream(otherStream, fromVersion: 1, limit: 10).isEmpty)
            #expect(try await store.readStream(stream, fromVersion: 1, limit: 10).map(\.id) == original.events.map(\.id))
        }
    }

    @Test("the same key in another scope is an independent request")
    func scopes() async throws {
        try await TestDatabase.with { db in
            let store = db.store()
            let stream = try Fixtures.stream("shared")
            let a = try await store.append(Fixtures.request(stream, .any, [Fixtures.event(n: 1)], key: "k", scope: "tok-a"))
            let b = try await store.append(Fixtures.request(stream, .any, [Fixtures.event(n: 1)], key: "k", scope: "tok-b"))
            #expect(a == AppendResult(streamVersion: 1, positions: [1]))
            #expect(b == AppendResult(streamVersion: 2, positions: [2]))
        }
    }

    @Test("concurrent identical retries append once, through one store or through six", arguments: [false, true])
    func concurrentRetries(sharedStore: Bool) async throws {
        try await TestDatabase.with { db in
            let stores = (0..<6).map { _ in db.store() }
            let stream = try Fixtures.stream("report-1")
            let request = try Fixtures.request(stream, .noStream, [Fixtures.event(n: 1), Fixtures.event(n: 2)], key: "key-1")
            let results = try await withThrowingTaskGroup(of: AppendResult.self) { group in
                for store in stores {
                    let store = sharedStore ? stores[0] : store
                    group.addTask { try await store.append(request) }
                }
                var results: [AppendResult] = []
                for try await result in group { results.append(result) }
                return results
            }
            #expect(results.filter { !$0.replayed }.count == 1)
            #expect(Set(results.map(\.positions)) == [[1, 2]])
            #expect(Set(results.map(\.streamVersion)) == [2])
            #expect(try await stores[0].headPosition() == 2)
        }
    }

    @Test("idempotentResult answers a stored key without appending, and refuses another fingerprint")
    func lookup() async throws {
        try await TestDatabase.with { db in
            let store = db.store()
            let request = try Fixtures.request(Fixtures.stream("report-1"), .noStream, [Fixtures.event(n: 1)], key: "key-1")
            let key = try #require(request.idempotency)
            #expect(try await store.idempotentResult(for: key) == nil)
            let first = try await store.append(request)
            var expected = first
            expected.replayed = true
            #expect(try await store.idempotentResult(for: key) == expected)

            let other = IdempotencyKey(scope: key.scope, key: key.key, fingerprint: String(repeating: "0", count: 64))
            await #expect(throws: EventStoreError.idempotencyKeyReused(key: "key-1")) {
                try await store.idempotentResult(for: other)
            }
            let otherScope = IdempotencyKey(scope: "tok-someone-else", key: key.key, fingerprint: key.fingerprint)
            #expect(try await store.idempotentResult(for: otherScope) == nil)
            #expect(try await store.headPosition() == 1)
        }
    }
}
