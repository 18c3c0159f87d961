import EventStore
import Events
import Foundation
import LedgerTestSupport
import Testing

/// Optimistic concurrency on PostgreSQL: two writers with the same expectation, exactly one wins.
@Suite("Concurrent appends with the same expected version")
struct AppendConcurrencyTests {
    /// Whether the two writers share one store (their requests may meet in one group commit) or use
    /// two stores (two transactions that race for the append lock).
    enum Writers: String, CaseIterable, Sendable { case sharedStore, separateStores }
    /// What both writers expect of the stream.
    enum Expectation: String, CaseIterable, Sendable { case noStream, exactOne }

    @Test(
        "exactly one writer wins; the other gets wrongExpectedVersion and writes nothing",
        arguments: Writers.allCases, Expectation.allCases)
    func oneWinner(_ writers: Writers, _ expectation: Expectation) async throws {
        try await TestDatabase.with { db in
            let storeA = db.store()
            let storeB = writers == .sharedStore ? storeA : db.store()
            for round in 0..<10 {
                let stream = try Fixtures.stream("race-\(round)")
                var before: [UUID] = []
                let expected: ExpectedVersion
                switch expectation {
                case .noStream:
                    expected = .noStream
                case .exactOne:
                    let initial = Fixtures.event(n: 0)
                    _ = try await storeA.append(Fixtures.request(stream, .noStream, [initial]))
                    before = [initial.id]
                    expected = .exact(1)
                }
                let eventsA = [Fixtures.event("ByA", n: 1), Fixtures.event("ByA", n: 2)]
                let eventsB = [Fixtures.event("ByB", n: 1)]
                let requestA = try Fixtures.request(stream, expected, eventsA)
                let requestB = try Fixtures.request(stream, expected, eventsB)
                let (a, b) = await withTaskGroup(of: (Bool, Result<AppendResult, EventStoreError>).self) { group in
                    group.addTask { (true, await Fixtures.outcome { () throws(EventStoreError) in try await storeA.append(requestA) }) }
                    group.addTask { (false, await Fixtures.outcome { () throws(EventStoreError) in try await storeB.append(requestB) }) }
                    var a: Result<AppendResult, EventStoreError>?
                    var b: Result<AppendResult, EventStoreError>?
                    for await (isA, outcome) in group {
                        if isA { a = outcome } else { b = outcome }
                    }
                    return (a!, b!)
                }

                let winnerEvents: [NewEvent]
                let winner: AppendResult
                let loser: Result<AppendResult, EventStoreError>
                switch (a, b) {
                case (.success(let result), .failure):
                    (winnerEvents, winner, loser) = (eventsA, result, b)
                case (.failure, .success(let result)):
                    (winnerEvents, winner, loser) = (eventsB, result, a)
                default:
                    Issue.record("round \(round): expected exactly one success, got \(a) and \(b)")
                    continue
                }
                let finalVersion = Int64(before.count + winnerEvents.count)
                #expect(loser == .failure(.wrongExpectedVersion(stream: stream, expected: expected, actual: finalVersion)))
                #expect(winner.streamVersion == finalVersion)

                let stored = try await storeA.readStream(stream, fromVersion: 1, limit: 100)
                #expect(stored.map(\.id) == before + winnerEvents.map(\.id))
                #expect(stored.map(\.streamVersion) == Array(1...finalVersion))
                #expect(Array(stored.suffix(winnerEvents.count).map(\.position)) == winner.positions)
            }
            let log = try await Fixtures.allEvents(storeA)
            #expect(log.map(\.position) == Array(1...Int64(log.count)))
            let verification = try await storeA.verifyChain()
            #expect(verification.valid)
            #expect(verification.checked == Int64(log.count))
        }
    }
}
