import EventStore
import Events
import Foundation
import LedgerTestSupport
import PostgresNIO
import Synchronization
import Testing

@testable import Projections

/// The inline unit tree (`unit_versions`) answers what a fold of the log answers, now and at any
/// cut: generated histories of units registered, renamed, moved, merged and deactivated (several in
/// one append, several appends in one group commit, other events in between), compared with the
/// fold (the oracle) at the head and at random positions and instants; after a catch-up of a log
/// written without the model, and after a rebuild while writes continue.
@Suite struct UnitTreeTests {
    /// A small deterministic generator (SplitMix64), so a failing history can be replayed from its seed.
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
        mutating func pick<T>(_ values: [T]) -> T { values[below(values.count)] }
    }

    /// Random unit events over existing units: the fold does not need a decider's consent, and the
    /// model must agree with it on every sequence, valid or odd (a move under a merged unit, two ends).
    static func history(seed: UInt64, appends: Int) -> [[UnitEvent]] {
        var random = Generator(state: seed)
        var units: [String] = []
        var requests: [[UnitEvent]] = []
        func date() -> LocalDate { LocalDate(year: 2023 + random.below(4), month: 1 + random.below(12), day: 1 + random.below(28))! }
        for index in 0..<appends {
            if units.count < 3 || random.below(4) == 0 {
                let id = "u\(index)"
                let parent: String? = units.isEmpty || random.below(5) == 0 ? nil : random.pick(units)
                units.append(id)
                requests.append([
                    .registered(
                        UnitRegistered(
                            unitId: id, name: "Đơn vị \(index)", kind: random.pick(UnitKind.allCases), parentId: parent,
                            effectiveFrom: date()))
                ])
                continue
            }
            let unit = random.pick(units)
            var events: [UnitEvent] = []
            for _ in 0..<(1 + random.below(3)) {
                switch random.below(5) {
                case 0, 1: events.append(.renamed(UnitRenamed(unitId: unit, name: "Tên \(index)-\(events.count)", effectiveFrom: date())))
                case 2:
                    let parent: String? = random.below(4) == 0 ? nil : random.pick(units)
                    events.append(.moved(UnitMoved(unitId: unit, parentId: parent, effectiveFrom: date())))
                case 3: events.append(.merged(UnitMerged(unitId: unit, intoUnitId: random.pick(units), effectiveFrom: date())))
                default: events.append(.deactivated(UnitDeactivated(unitId: unit, effectiveFrom: date(), reason: nil)))
                }
            }
            requests.append(events)
        }
        return requests
    }

    /// Appends the history, four requests at a time (so group commits carry several units), with an
    /// event of another stream after each round.
    static func write(_ history: [[UnitEvent]], to store: PostgresEventStore) async throws {
        for round in stride(from: 0, to: history.count, by: 4) {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for events in history[round..<min(round + 4, history.count)] {
                    group.addTask {
                        _ = try await store.append(
                            AppendRequest(
                                stream: StreamID("unit-\(events[0].unitId)")!, expectedVersion: .any,
                                events: try events.map { try $0.newEvent() }, metadata: EventMetadata(actor: .system("test"))))
                    }
                }
                try await group.waitForAll()
            }
            _ = try await store.append(
                AppendRequest(
                    stream: StreamID("other-\(round)")!, expectedVersion: .any, events: [NewEvent(type: "Counted", data: .object([:]))],
                    metadata: EventMetadata(actor: .system("test"))))
        }
    }

    /// Every event of the log, in order.
    static func log(_ store: PostgresEventStore) async throws -> [RecordedEvent] {
        var events: [RecordedEvent] = []
        try await store.forEachPage(matching: EventFilter()) { events += $0 }
        return events
    }

    /// The oracle: the unit events inside the cut, folded.
    static func folded(_ log: [RecordedEvent], _ included: (RecordedEvent) -> Bool) throws -> UnitDirectory {
        var directory = UnitDirectory()
        try directory.apply(log.filter(included))
        return directory
    }

    /// Compares the model with the fold at the head, at `cuts` random positions and at as many instants.
    static func expectAgreement(_ tree: UnitTree, _ store: PostgresEventStore, seed: UInt64, cuts: Int) async throws {
        let log = try await log(store)
        var random = Generator(state: seed)
        #expect(try await tree.directory(at: .now) == (try folded(log) { _ in true }), "the tree now")
        for _ in 0..<cuts {
            let position = Int64(random.below(log.count + 1))
            let atPosition = try await tree.directory(at: ReadCut(upToPosition: position))
            #expect(atPosition == (try folded(log) { $0.position <= position }), "the tree at position \(position)")
            let instant = log[random.below(log.count)].recordedAt
            let asOf = try await tree.directory(at: .asOf(instant))
            #expect(asOf == (try folded(log) { $0.recordedAt <= instant }), "the tree as of \(instant.rfc3339)")
        }
        // Asked again at the head: the cached tree, still equal.
        #expect(try await tree.directory(at: .now) == (try folded(log) { _ in true }))
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func theModelAnswersWhatTheFoldAnswersNowAtPositionsAndAtInstants(seed: UInt64) async throws {
        try await TestDatabase.with { database in
            let store = database.store()
            let tree = UnitTree(client: database.client, logger: database.logger)
            try await Self.write(Self.history(seed: seed, appends: 120), to: store)
            try await Self.expectAgreement(tree, store, seed: seed &* 7, cuts: 25)
            // More writes after the tree was cached (the ids `u0`, `u1`, … recur, so cached units change):
            // it is not answered stale.
            try await Self.write(Self.history(seed: seed &+ 100, appends: 12), to: store)
            try await Self.expectAgreement(tree, store, seed: seed &* 11, cuts: 5)
        }
    }

    @Test func aLogWrittenWithoutTheModelIsCaughtUpOnceAndThenKeptInline() async throws {
        try await TestDatabase.with { database in
            // As before the migration that created the model: appends that do not write it.
            let bare = PostgresEventStore(client: database.client, logger: database.logger, inline: [])
            try await Self.write(Self.history(seed: 42, appends: 60), to: bare)
            let store = database.store()
            let tree = UnitTree(client: database.client, logger: database.logger)
            #expect(try await tree.directory(at: .now) == UnitDirectory(), "nothing in the model before the catch-up")
            let applied = try await InlineProjections.catchUp(store: store, client: database.client, logger: database.logger)
            #expect(applied > 60)
            #expect(try await InlineProjections.catchUp(store: store, client: database.client, logger: database.logger) == 0)
            try await Self.write(Self.history(seed: 43, appends: 20), to: store)
            try await Self.expectAgreement(tree, store, seed: 5, cuts: 10)
        }
    }

    @Test func rebuildWhileUnitsAreWrittenKeepsEveryVersion() async throws {
        try await TestDatabase.with(maximumConnections: 12) { database in
            let store = database.store()
            try await Self.write(Self.history(seed: 9, appends: 80), to: store)
            let writes = Task { try await Self.write(Self.history(seed: 10, appends: 60), to: store) }
            let position = try await ProjectionRebuild(
                projection: UnitTreeProjection(), store: store, client: database.client, logger: database.logger, pageSize: 13
            ).run()
            try await writes.value
            #expect(position > 0)
            let check = try await ProjectionCheck(
                projection: UnitTreeProjection(), store: store, client: database.client, logger: database.logger
            ).run()
            #expect(check.matches, "check-projections after the rebuild: \(check.differences.prefix(3))")
            try await Self.expectAgreement(UnitTree(client: database.client, logger: database.logger), store, seed: 3, cuts: 15)
        }
    }
}
