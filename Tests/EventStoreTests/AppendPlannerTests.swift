import Events
import Foundation
import Testing

@testable import EventStore

/// The pure planning step of a group commit: positions, versions, hash links, conflicts and idempotency.
@Suite("AppendPlanner")
struct AppendPlannerTests {
    static let headHash = String(repeating: "ab", count: 32)
    static let head = AppendPlanner.Head(
        position: 41, hash: headHash, recordedAt: Timestamp(microsecondsSinceEpoch: 1_700_000_000_000_000))
    static let now = Timestamp(microsecondsSinceEpoch: 1_700_000_001_000_000)

    private func prepared(_ request: AppendRequest) throws -> PreparedAppend {
        try PreparedAppend(request)
    }

    @Test("positions continue from the head, contiguous across the requests of a batch")
    func contiguousPositions() throws {
        let x = try Fixtures.stream("x")
        let y = try Fixtures.stream("y")
        var planner = AppendPlanner(head: Self.head, versions: [x: 3], keys: [:], now: Self.now)
        let first = planner.plan(try prepared(Fixtures.request(x, .exact(3), [Fixtures.event(n: 1), Fixtures.event(n: 2)])))
        let second = planner.plan(try prepared(Fixtures.request(y, .noStream, [Fixtures.event(n: 3)])))
        let third = planner.plan(try prepared(Fixtures.request(x, .exact(5), [Fixtures.event(n: 4)])))
        #expect(try first.get() == AppendResult(streamVersion: 5, positions: [42, 43]))
        #expect(try second.get() == AppendResult(streamVersion: 1, positions: [44]))
        #expect(try third.get() == AppendResult(streamVersion: 6, positions: [45]))
        #expect(planner.eventRows.map(\.position) == [42, 43, 44, 45])
        #expect(planner.eventRows.map(\.streamId) == ["x", "x", "y", "x"])
        #expect(planner.eventRows.map(\.streamVersion) == [4, 5, 1, 6])
        #expect(planner.head.position == 45)
        #expect(planner.head.hash == planner.eventRows.last?.hash)
    }

    @Test("a condition fails when a matching event was committed after its position, or planned earlier in the batch")
    func conditions() throws {
        let duty = try Fixtures.stream("duty-a")
        let unit = try Fixtures.stream("unit-a")
        let other = try Fixtures.stream("unit-b")
        let onUnits = AppendCondition(types: ["UnitMerged"], after: 30)
        let onUnitA = AppendCondition(streams: [unit], after: 41)
        let onUnitALater = AppendCondition(streams: [unit], after: 43)
        // Committed: the last UnitMerged at 35 (after 30); unit-a's stream last written at 20.
        var planner = AppendPlanner(
            head: Self.head, versions: [:], keys: [:], lastMatching: [onUnits: 35, onUnitA: 20, onUnitALater: 20], now: Self.now)
        var refused = try Fixtures.request(duty, .any, [Fixtures.event(n: 1)])
        refused.conditions = [onUnits]
        #expect(planner.plan(try prepared(refused)) == .failure(.conditionFailed(onUnits, position: 35)))
        var accepted = try Fixtures.request(duty, .any, [Fixtures.event(n: 2)])
        accepted.conditions = [onUnitA]
        #expect(try planner.plan(try prepared(accepted)).get().positions == [42])
        // An earlier request of the same batch writes to unit-a: a later one conditioned on it is refused.
        _ = planner.plan(try prepared(Fixtures.request(unit, .any, [Fixtures.event("UnitRenamed", n: 3)])))
        var late = try Fixtures.request(duty, .any, [Fixtures.event(n: 4)])
        late.conditions = [onUnitA]
        #expect(planner.plan(try prepared(late)) == .failure(.conditionFailed(onUnitA, position: 43)))
        // An event on another stream of another type does not count.
        _ = planner.plan(try prepared(Fixtures.request(other, .any, [Fixtures.event("UnitRenamed", n: 5)])))
        var unaffected = try Fixtures.request(duty, .any, [Fixtures.event(n: 6)])
        unaffected.conditions = [onUnitALater]
        #expect(try planner.plan(try prepared(unaffected)).get().positions == [45])
        #expect(planner.eventRows.map(\.position) == [42, 43, 44, 45], "refused requests write nothing")
    }

    @Test("each row links to the previous row's hash, the first to the head's")
    func hashLinks() throws {
        let x = try Fixtures.stream("x")
        var planner = AppendPlanner(head: Self.head, versions: [:], keys: [:], now: Self.now)
        _ = planner.plan(try prepared(Fixtures.request(x, .any, [Fixtures.event(n: 1), Fixtures.event(n: 2)])))
        _ = planner.plan(try prepared(Fixtures.request(x, .any, [Fixtures.event(n: 3)])))
        let rows = planner.eventRows
        try #require(rows.count == 3)
        #expect(rows[0].previousHash == Self.headHash)
        #expect(rows[1].previousHash == rows[0].hash)
        #expect(rows[2].previousHash == rows[1].hash)
        #expect(Set(rows.map(\.hash)).count == 3)
        for row in rows {
            let recordedAt = try #require(Timestamp(rfc3339: row.recordedAt))
            let canonical = try CanonicalEvent.bytes(
                position: row.position, id: row.id, streamId: x, streamVersion: row.streamVersion, type: row.type,
                schemaVersion: row.schemaVersion, data: JSONValue.parse(row.data.utf8),
                metadata: JSONValue.parse(row.metadata.utf8), recordedAt: recordedAt)
            #expect(row.hash == HashChain.hash(previous: row.previousHash, canonical: canonical))
        }
    }

    @Test("an empty log starts at position 1, linked to the genesis hash")
    func emptyLog() throws {
        var planner = AppendPlanner(head: .empty, versions: [:], keys: [:], now: Self.now)
        let result = planner.plan(try prepared(Fixtures.request(Fixtures.stream("x"), .noStream, [Fixtures.event(n: 1)])))
        #expect(try result.get().positions == [1])
        #expect(planner.eventRows.first?.previousHash == String(repeating: "0", count: 64))
    }

    @Test("recorded time never goes backwards along the log")
    func recordedTimeIsMonotonic() throws {
        let earlier = Timestamp(microsecondsSinceEpoch: Self.head.recordedAt.microsecondsSinceEpoch - 5_000_000)
        var planner = AppendPlanner(head: Self.head, versions: [:], keys: [:], now: earlier)
        _ = planner.plan(try prepared(Fixtures.request(Fixtures.stream("x"), .any, [Fixtures.event(n: 1)])))
        #expect(planner.eventRows.first?.recordedAt == Self.head.recordedAt.rfc3339)

        var later = AppendPlanner(head: Self.head, versions: [:], keys: [:], now: Self.now)
        _ = later.plan(try prepared(Fixtures.request(Fixtures.stream("x"), .any, [Fixtures.event(n: 1)])))
        #expect(later.eventRows.first?.recordedAt == Self.now.rfc3339)
    }

    @Test("a stale expectation is refused even when the conflicting request is in the same batch")
    func conflictInsideBatch() throws {
        let x = try Fixtures.stream("x")
        var planner = AppendPlanner(head: Self.head, versions: [:], keys: [:], now: Self.now)
        let first = planner.plan(try prepared(Fixtures.request(x, .noStream, [Fixtures.event(n: 1)])))
        let second = planner.plan(try prepared(Fixtures.request(x, .noStream, [Fixtures.event(n: 2)])))
        let third = planner.plan(try prepared(Fixtures.request(x, .exact(0), [Fixtures.event(n: 3)])))
        #expect(try first.get().positions == [42])
        #expect(second == .failure(.wrongExpectedVersion(stream: x, expected: .noStream, actual: 1)))
        #expect(third == .failure(.wrongExpectedVersion(stream: x, expected: .exact(0), actual: 1)))
        #expect(planner.eventRows.count == 1)
        // A refused request leaves no trace: the next one continues right after the first.
        let fourth = planner.plan(try prepared(Fixtures.request(x, .exact(1), [Fixtures.event(n: 4)])))
        #expect(try fourth.get() == AppendResult(streamVersion: 2, positions: [43]))
        #expect(planner.eventRows[1].previousHash == planner.eventRows[0].hash)
    }

    @Test("stream versions already in the log are respected")
    func existingVersions() throws {
        let x = try Fixtures.stream("x")
        var planner = AppendPlanner(head: Self.head, versions: [x: 7], keys: [:], now: Self.now)
        #expect(
            planner.plan(try prepared(Fixtures.request(x, .noStream, [Fixtures.event(n: 1)])))
                == .failure(.wrongExpectedVersion(stream: x, expected: .noStream, actual: 7)))
        #expect(
            planner.plan(try prepared(Fixtures.request(x, .exact(6), [Fixtures.event(n: 1)])))
                == .failure(.wrongExpectedVersion(stream: x, expected: .exact(6), actual: 7)))
        #expect(try planner.plan(try prepared(Fixtures.request(x, .exact(7), [Fixtures.event(n: 1)]))).get().streamVersion == 8)
        #expect(planner.eventRows.map(\.streamVersion) == [8])
    }

    @Test("the same key and request twice in one batch appends once and replays the answer")
    func replayInsideBatch() throws {
        let x = try Fixtures.stream("x")
        let request = try Fixtures.request(x, .noStream, [Fixtures.event(n: 1), Fixtures.event(n: 2)], key: "k-1")
        var planner = AppendPlanner(head: Self.head, versions: [:], keys: [:], now: Self.now)
        let first = planner.plan(try prepared(request))
        let retry = planner.plan(try prepared(request))
        #expect(try first.get() == AppendResult(streamVersion: 2, positions: [42, 43], replayed: false))
        #expect(try retry.get() == AppendResult(streamVersion: 2, positions: [42, 43], replayed: true))
        #expect(planner.eventRows.count == 2)
        #expect(planner.idempotencyRows.count == 1)
        #expect(planner.idempotencyRows.first?.result == AppendResult(streamVersion: 2, positions: [42, 43]))
        #expect(planner.idempotencyRows.first?.fingerprint == request.idempotency?.fingerprint)
    }

    @Test("a replay is answered from the stored record even though the expectation is now stale")
    func replayFromStoredRecord() throws {
        let x = try Fixtures.stream("x")
        let request = try Fixtures.request(x, .noStream, [Fixtures.event(n: 1)], key: "k-1")
        let stored = AppendPlanner.IdempotencyRecord(
            fingerprint: try request.contentFingerprint(), result: AppendResult(streamVersion: 1, positions: [9]))
        var planner = AppendPlanner(
            head: Self.head, versions: [x: 4], keys: [IdempotencyKeyID(scope: "tok-writer", key: "k-1"): stored],
            now: Self.now)
        #expect(try planner.plan(try prepared(request)).get() == AppendResult(streamVersion: 1, positions: [9], replayed: true))
        #expect(planner.eventRows.isEmpty)
        #expect(planner.idempotencyRows.isEmpty)
    }

    @Test("a key reused with another fingerprint is refused, stored or in the same batch")
    func keyReuse() throws {
        let x = try Fixtures.stream("x")
        let original = try Fixtures.request(x, .any, [Fixtures.event(n: 1)], key: "k-1")
        let different = try Fixtures.request(x, .any, [Fixtures.event(n: 2)], key: "k-1")
        #expect(original.idempotency?.fingerprint != different.idempotency?.fingerprint)

        var planner = AppendPlanner(head: Self.head, versions: [:], keys: [:], now: Self.now)
        _ = planner.plan(try prepared(original))
        #expect(planner.plan(try prepared(different)) == .failure(.idempotencyKeyReused(key: "k-1")))
        #expect(planner.eventRows.count == 1)

        let stored = AppendPlanner.IdempotencyRecord(
            fingerprint: try original.contentFingerprint(), result: AppendResult(streamVersion: 1, positions: [9]))
        var fresh = AppendPlanner(
            head: Self.head, versions: [:], keys: [IdempotencyKeyID(scope: "tok-writer", key: "k-1"): stored], now: Self.now)
        #expect(fresh.plan(try prepared(different)) == .failure(.idempotencyKeyReused(key: "k-1")))
        #expect(fresh.eventRows.isEmpty)
    }

    @Test("keys are scoped: the same key in another scope is a different request")
    func keyScopes() throws {
        let x = try Fixtures.stream("x")
        var planner = AppendPlanner(head: Self.head, versions: [:], keys: [:], now: Self.now)
        let a = planner.plan(try prepared(Fixtures.request(x, .any, [Fixtures.event(n: 1)], key: "k", scope: "tok-a")))
        let b = planner.plan(try prepared(Fixtures.request(x, .any, [Fixtures.event(n: 2)], key: "k", scope: "tok-b")))
        #expect(try a.get().positions == [42])
        #expect(try b.get() == AppendResult(streamVersion: 2, positions: [43], replayed: false))
        #expect(planner.idempotencyRows.count == 2)
    }
}
