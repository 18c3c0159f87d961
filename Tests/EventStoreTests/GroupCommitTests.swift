import Events
import Foundation
import LedgerTestSupport
import Testing

@testable import EventStore

/// Group commit: appends that share a commit still each get their own answer, and batches respect their size limit.
@Suite("Group commit")
struct GroupCommitTests {
    /// Records the size of every batch the queue hands to its writer.
    actor BatchLog {
        private(set) var sizes: [Int] = []
        func record(_ size: Int) { sizes.append(size) }
    }

    @Test("each caller gets the outcome of its own request, never a neighbour's")
    func ownAnswers() async throws {
        let log = BatchLog()
        // The fake writer answers each request with the number in its first event, or refuses odd ones.
        let queue = GroupCommitQueue(maximumBatch: 4) { batch in
            await log.record(batch.count)
            // A slow writer lets requests pile up into batches; no assertion depends on the timing.
            try? await Task.sleep(for: .milliseconds(2))
            return batch.map { append in
                guard case .integer(let n) = append.request.events[0].data["n"] else {
                    return .failure(.invalidAppend(field: "test", reason: "no n"))
                }
                return n % 2 == 0
                    ? .success(AppendResult(streamVersion: n, positions: [n]))
                    : .failure(.wrongExpectedVersion(stream: append.request.stream, expected: .any, actual: n))
            }
        }
        let stream = try Fixtures.stream("s")
        let prepared = try (0..<60).map { try PreparedAppend(Fixtures.request(stream, .any, [Fixtures.event(n: Int64($0))])) }
        let outcomes = await withTaskGroup(of: (Int64, GroupCommitQueue.Outcome).self) { group in
            for (n, append) in prepared.enumerated() {
                group.addTask { (Int64(n), await queue.submit(append)) }
            }
            var outcomes: [(Int64, GroupCommitQueue.Outcome)] = []
            for await outcome in group { outcomes.append(outcome) }
            return outcomes
        }
        #expect(outcomes.count == 60)
        for (n, outcome) in outcomes {
            if n % 2 == 0 {
                #expect(outcome == .success(AppendResult(streamVersion: n, positions: [n])))
            } else {
                #expect(outcome == .failure(.wrongExpectedVersion(stream: stream, expected: .any, actual: n)))
            }
        }
        let sizes = await log.sizes
        #expect(sizes.reduce(0, +) == 60, "every request is written exactly once")
        #expect(sizes.allSatisfy { (1...4).contains($0) })
    }

    @Test("concurrent appends through one store: every answer names the positions of its own events")
    func ownPositionsOnPostgres() async throws {
        try await TestDatabase.with { db in
            let store = db.store()
            let requests = try (0..<200).map { index in
                try Fixtures.request(
                    Fixtures.stream("g-\(index % 10)"), .any,
                    (0...(index % 3)).map { Fixtures.event(n: Int64(index * 10 + $0)) })
            }
            let results = try await withThrowingTaskGroup(of: (Int, AppendResult).self) { group in
                for (index, request) in requests.enumerated() {
                    group.addTask { (index, try await store.append(request)) }
                }
                var results: [Int: AppendResult] = [:]
                for try await (index, result) in group { results[index] = result }
                return results
            }
            let log = try await Fixtures.allEvents(store)
            let byPosition = Dictionary(log.map { ($0.position, $0) }, uniquingKeysWith: { first, _ in first })
            #expect(log.count == requests.reduce(0) { $0 + $1.events.count })
            for (index, request) in requests.enumerated() {
                let result = try #require(results[index])
                #expect(result.positions.compactMap { byPosition[$0]?.id } == request.events.map(\.id), "request \(index)")
                #expect(byPosition[result.positions.last ?? 0]?.streamVersion == result.streamVersion, "request \(index)")
                #expect(!result.replayed)
            }
            #expect(try await store.verifyChain().checked == Int64(log.count))
        }
    }
}
