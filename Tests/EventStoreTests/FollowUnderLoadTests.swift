import EventStore
import Events
import Foundation
import LedgerTestSupport
import Testing

/// Total order under load: many connections append at once while a follower reads; it must see every event once, in order.
@Suite("Following the log while 16 connections append")
struct FollowUnderLoadTests {
    static let writers = 16
    static let appendsPerWriter = 125
    static let streams = 50

    @Test("the follower sees 1...2000 exactly once, with the ids that were appended")
    func followerSeesEverythingOnce() async throws {
        try await TestDatabase.with(maximumConnections: 20) { db in
            let reader = db.store()
            let total = Self.writers * Self.appendsPerWriter
            let sentinel = Fixtures.event("Sentinel", n: -1)
            // Started before any writer; runs until the sentinel, appended after all writers, arrives.
            let follower = reader.follow(after: 0, filter: .all)
            async let collected = collect(follower, within: .seconds(300)) { seen in seen.last?.id == sentinel.id }

            // Each writer has its own store, so appends race for the lock in separate transactions.
            let appended = try await withThrowingTaskGroup(of: [(UUID, Int64)].self) { group in
                for writer in 0..<Self.writers {
                    let store = db.store()
                    group.addTask {
                        var mine: [(UUID, Int64)] = []
                        for index in 0..<Self.appendsPerWriter {
                            let stream = try Fixtures.stream("load-\((writer * Self.appendsPerWriter + index) % Self.streams)")
                            let event = Fixtures.event(n: Int64(writer * 1_000 + index))
                            let result = try await store.append(Fixtures.request(stream, .any, [event]))
                            try #require(result.positions.count == 1)
                            mine.append((event.id, result.positions[0]))
                        }
                        return mine
                    }
                }
                var all: [(UUID, Int64)] = []
                for try await mine in group { all += mine }
                return all
            }
            _ = try await reader.append(Fixtures.request(Fixtures.stream("sentinel"), .noStream, [sentinel]))

            let seen = try #require(try await collected, "the follower did not reach the sentinel within 300 s")
            try #require(seen.last?.id == sentinel.id)
            let events = Array(seen.dropLast())
            #expect(events.count == total)
            // Positions 1, 2, 3… with no gap and no repeat; report only the first deviation.
            if let wrong = events.indices.first(where: { events[$0].position != Int64($0) + 1 }) {
                Issue.record("at index \(wrong) the follower delivered position \(events[wrong].position), expected \(wrong + 1)")
            }
            let delivered = Set(events.map(\.id))
            let expected = Set(appended.map(\.0))
            #expect(delivered.count == events.count, "\(events.count - delivered.count) events delivered more than once")
            #expect(expected.subtracting(delivered).isEmpty, "\(expected.subtracting(delivered).count) appended events never delivered")
            #expect(delivered.subtracting(expected).isEmpty, "\(delivered.subtracting(expected).count) delivered events were not appended")
            #expect(seen.last?.position == Int64(total) + 1)
            // Each append's answer names the position the follower saw its event at.
            let positionByID = Dictionary(events.map { ($0.id, $0.position) }, uniquingKeysWith: { first, _ in first })
            let misplaced = appended.filter { positionByID[$0.0] != $0.1 }
            #expect(misplaced.isEmpty, "\(misplaced.count) events delivered at another position than their append returned")
            // Within every stream, versions run 1, 2, 3… in position order.
            var versions: [StreamID: Int64] = [:]
            var versionBreaks: [String] = []
            for event in events {
                let next = (versions[event.streamId] ?? 0) + 1
                if event.streamVersion != next {
                    versionBreaks.append("\(event.streamId) v\(event.streamVersion) at position \(event.position), expected v\(next)")
                }
                versions[event.streamId] = event.streamVersion
            }
            #expect(versionBreaks.isEmpty, "\(versionBreaks.count) version breaks, first: \(versionBreaks.first ?? "none")")
            #expect(versions.count == Self.streams)

            let verification = try await reader.verifyChain()
            #expect(verification.valid)
            // Every appended event plus the sentinel.
            #expect(verification.checked == Int64(total) + 1)
            #expect(verification.head?.position == Int64(total) + 1)
        }
    }

    @Test("a follower resumes after its checkpoint and keeps to its filter, including later appends")
    func followFromCheckpointWithFilter() async throws {
        try await TestDatabase.with { db in
            let store = db.store()
            let watched = try Fixtures.stream("watched")
            let other = try Fixtures.stream("other")
            for n in 1...3 {
                _ = try await store.append(Fixtures.request(watched, .any, [Fixtures.event(n: Int64(n))]))
                _ = try await store.append(Fixtures.request(other, .any, [Fixtures.event(n: Int64(n))]))
            }
            // Positions 1…6 alternate watched/other; start after position 3 (the second watched event).
            let follower = store.follow(after: 3, filter: EventFilter(stream: watched))
            async let collected = collect(follower, within: .seconds(30)) { $0.count == 3 }
            _ = try await store.append(Fixtures.request(other, .any, [Fixtures.event(n: 4)]))
            _ = try await store.append(Fixtures.request(watched, .any, [Fixtures.event(n: 4), Fixtures.event(n: 5)]))
            let seen = try #require(try await collected, "the follower did not deliver three events within 30 s")
            #expect(seen.map(\.position) == [5, 8, 9])
            #expect(seen.allSatisfy { $0.streamId == watched })
            #expect(seen.map(\.streamVersion) == [3, 4, 5])
        }
    }
}
