import EventStore
import Events
import Foundation
import LedgerTestSupport
import Testing

@testable import Projections

/// The inline obligation catalog (`obligation_versions`) answers what a fold of the obligation
/// events answers, now and at random positions and instants: obligations defined, revised (several
/// revisions in one append), retired, with other events in between; and after a catch-up of a log
/// written without the model.
@Suite struct ObligationShelfTests {
    typealias Generator = UnitTreeTests.Generator

    static func history(seed: UInt64, appends: Int) -> [[ObligationEvent]] {
        var random = Generator(state: seed)
        var defined: [String] = []
        var requests: [[ObligationEvent]] = []
        func terms(_ n: Int) -> ObligationTerms {
            let schedules: [Schedule] = [.monthly(dueDay: 23), .monthly(dueDay: 20), .quarterly(dueDay: 25)]
            return ObligationTerms(
                title: "Báo cáo \(n)",
                reporters: random.below(2) == 0 ? .units(["huyen-\(random.below(5))"]) : .kinds([.districtCommittee], underUnitId: "tinh"),
                recipientUnitId: "so-tttt",
                schedule: random.pick(schedules), confidentialAllowed: random.below(2) == 0)
        }
        func period(_ year: Int) -> Period { try! Period(parsing: "\(year)-\(String(format: "%02d", 1 + random.below(12)))") }
        for index in 0..<appends {
            if defined.count < 2 || random.below(3) == 0 {
                let id = "nv-\(index)"
                defined.append(id)
                requests.append([.defined(ObligationDefined(obligationId: id, effectiveFrom: period(2024), terms: terms(index)))])
                continue
            }
            let id = random.pick(defined)
            var events: [ObligationEvent] = []
            for step in 0..<(1 + random.below(3)) {
                if random.below(5) == 0 {
                    events.append(.retired(ObligationRetired(obligationId: id, lastPeriod: period(2026), reason: "hết hiệu lực")))
                } else {
                    events.append(.revised(ObligationRevised(obligationId: id, effectiveFrom: period(2025 + step), terms: terms(index))))
                }
            }
            requests.append(events)
        }
        return requests
    }

    /// Appends the history, three requests at a time unless `concurrently` is false (then in order).
    static func write(_ history: [[ObligationEvent]], to store: PostgresEventStore, concurrently: Bool = true) async throws {
        for round in stride(from: 0, to: history.count, by: concurrently ? 3 : 1) {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for events in history[round..<min(round + (concurrently ? 3 : 1), history.count)] {
                    group.addTask {
                        _ = try await store.append(
                            AppendRequest(
                                stream: StreamID("obligation-\(events[0].obligationId)")!, expectedVersion: .any,
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

    static func folded(_ log: [RecordedEvent], _ included: (RecordedEvent) -> Bool) throws -> ObligationCatalog {
        var catalog = ObligationCatalog()
        try catalog.apply(log.filter(included))
        return catalog
    }

    static func expectAgreement(_ shelf: ObligationShelf, _ store: PostgresEventStore, seed: UInt64, cuts: Int) async throws {
        let log = try await UnitTreeTests.log(store)
        var random = Generator(state: seed)
        #expect(try await shelf.catalog(at: .now) == (try folded(log) { _ in true }), "the catalog now")
        for _ in 0..<cuts {
            let position = Int64(random.below(log.count + 1))
            #expect(
                try await shelf.catalog(at: ReadCut(upToPosition: position)) == (try folded(log) { $0.position <= position }),
                "the catalog at position \(position)")
            let instant = log[random.below(log.count)].recordedAt
            #expect(
                try await shelf.catalog(at: .asOf(instant)) == (try folded(log) { $0.recordedAt <= instant }),
                "the catalog as of \(instant.rfc3339)")
        }
        #expect(try await shelf.catalog(at: .now) == (try folded(log) { _ in true }), "asked again: the cached catalog")
    }

    @Test(arguments: [UInt64(4), 5])
    func theModelAnswersWhatTheFoldAnswers(seed: UInt64) async throws {
        try await TestDatabase.with { database in
            let store = database.store()
            let shelf = ObligationShelf(client: database.client, logger: database.logger)
            try await Self.write(Self.history(seed: seed, appends: 60), to: store)
            try await Self.expectAgreement(shelf, store, seed: seed &* 3, cuts: 20)
            try await Self.write(Self.history(seed: seed &+ 50, appends: 9), to: store)
            try await Self.expectAgreement(shelf, store, seed: seed &* 13, cuts: 5)
        }
    }

    @Test func eventsBeforeAnObligationsDefinitionAreKeptAsTheFoldKeepsThem() async throws {
        try await TestDatabase.with { database in
            let store = database.store()
            let terms = ObligationTerms(
                title: "Báo cáo", reporters: .units(["huyen-1"]), recipientUnitId: "so-tttt", schedule: .monthly(dueDay: 23))
            let period = try Period(parsing: "2025-03")
            try await Self.write(
                [
                    [.revised(ObligationRevised(obligationId: "nv-x", effectiveFrom: period, terms: terms))],
                    [.defined(ObligationDefined(obligationId: "nv-x", effectiveFrom: period, terms: terms))],
                ], to: store, concurrently: false)
            try await Self.expectAgreement(ObligationShelf(client: database.client, logger: database.logger), store, seed: 1, cuts: 6)
        }
    }

    @Test func aLogWrittenWithoutTheModelIsCaughtUp() async throws {
        try await TestDatabase.with { database in
            let bare = PostgresEventStore(client: database.client, logger: database.logger, inline: [])
            try await Self.write(Self.history(seed: 77, appends: 30), to: bare)
            let store = database.store()
            #expect(try await InlineProjections.catchUp(store: store, client: database.client, logger: database.logger) > 30)
            try await Self.expectAgreement(
                ObligationShelf(client: database.client, logger: database.logger), store, seed: 8, cuts: 10)
        }
    }
}
