import Events
import Testing

/// Given unit events, when a command, then events or a refusal — the unit decider without a database.
@Suite struct UnitDeciderTests {
    static let jan1 = LocalDate(year: 2024, month: 1, day: 1)!
    static let jul1 = LocalDate(year: 2024, month: 7, day: 1)!
    static let registered = UnitEvent.registered(
        UnitRegistered(unitId: "huyen-a", name: "UBND huyện A", kind: .districtCommittee, parentId: "tinh", effectiveFrom: jan1))
    static let province = UnitState.evolve(
        .initial, .registered(UnitRegistered(unitId: "tinh", name: "UBND tỉnh", kind: .province, parentId: nil, effectiveFrom: jan1)))

    func given(_ events: [UnitEvent]) -> UnitState { events.reduce(.initial, UnitState.evolve) }

    @Test func registerUnderAnActiveParent() throws {
        let events = try UnitDecider.decide(
            .register(unitId: "huyen-a", name: "  UBND   huyện A ", kind: .districtCommittee, parentId: "tinh", effectiveFrom: Self.jan1),
            state: .initial, neighbourhood: UnitNeighbourhood(parent: Self.province, parentLineage: ["tinh"]))
        #expect(events == [Self.registered], "the name is trimmed and its inner spaces collapsed")
    }

    @Test func registerRefusals() {
        #expect(throws: UnitRuleViolation.alreadyRegistered(unitId: "huyen-a")) {
            try UnitDecider.decide(
                .register(unitId: "huyen-a", name: "X", kind: .commune, parentId: nil, effectiveFrom: Self.jan1),
                state: given([Self.registered]))
        }
        #expect(throws: UnitRuleViolation.parentNotFound("nowhere")) {
            try UnitDecider.decide(
                .register(unitId: "x", name: "X", kind: .commune, parentId: "nowhere", effectiveFrom: Self.jan1), state: .initial)
        }
        #expect(throws: UnitRuleViolation.invalidName("must not be blank")) {
            try UnitDecider.decide(
                .register(unitId: "x", name: "   ", kind: .commune, parentId: nil, effectiveFrom: Self.jan1), state: .initial)
        }
        var merged = Self.province
        merged.status = .merged(into: "other", on: Self.jan1)
        #expect(throws: UnitRuleViolation.parentInactive("tinh")) {
            try UnitDecider.decide(
                .register(unitId: "x", name: "X", kind: .commune, parentId: "tinh", effectiveFrom: Self.jan1), state: .initial,
                neighbourhood: UnitNeighbourhood(parent: merged, parentLineage: ["tinh"]))
        }
    }

    @Test func renameAndMoveProduceEventsAndVersions() throws {
        let state = given([Self.registered])
        #expect(state.version == 1)
        let renamed = try UnitDecider.decide(.rename(name: "UBND thị xã A", effectiveFrom: Self.jul1), state: state)
        #expect(renamed == [.renamed(UnitRenamed(unitId: "huyen-a", name: "UBND thị xã A", effectiveFrom: Self.jul1))])
        #expect(throws: UnitRuleViolation.nothingChanges) {
            try UnitDecider.decide(.rename(name: "UBND huyện A", effectiveFrom: Self.jul1), state: state)
        }
        let moved = try UnitDecider.decide(
            .move(parentId: nil, effectiveFrom: Self.jul1), state: given([Self.registered] + renamed))
        #expect(moved == [.moved(UnitMoved(unitId: "huyen-a", parentId: nil, effectiveFrom: Self.jul1))])
    }

    @Test func moveUnderItsOwnSubtreeIsRefused() {
        var child = Self.province
        child.unitId = "xa-b"
        #expect(throws: UnitRuleViolation.wouldCreateCycle(parentId: "xa-b")) {
            try UnitDecider.decide(
                .move(parentId: "xa-b", effectiveFrom: Self.jul1), state: given([Self.registered]),
                neighbourhood: UnitNeighbourhood(parent: child, parentLineage: ["xa-b", "huyen-a", "tinh"]))
        }
    }

    @Test func mergeAndDeactivateEndTheUnit() throws {
        let state = given([Self.registered])
        var target = Self.province
        target.unitId = "huyen-b"
        let merged = try UnitDecider.decide(
            .merge(intoUnitId: "huyen-b", effectiveFrom: Self.jul1), state: state, neighbourhood: UnitNeighbourhood(mergeTarget: target))
        #expect(merged == [.merged(UnitMerged(unitId: "huyen-a", intoUnitId: "huyen-b", effectiveFrom: Self.jul1))])
        let after = given([Self.registered] + merged)
        #expect(!after.isActive)
        #expect(throws: UnitRuleViolation.notActive(status: "merged")) {
            try UnitDecider.decide(.rename(name: "Z", effectiveFrom: Self.jul1), state: after)
        }
        #expect(throws: UnitRuleViolation.mergeIntoItself) {
            try UnitDecider.decide(.merge(intoUnitId: "huyen-a", effectiveFrom: Self.jul1), state: state)
        }
        #expect(throws: UnitRuleViolation.mergeTargetNotFound("ghost")) {
            try UnitDecider.decide(.merge(intoUnitId: "ghost", effectiveFrom: Self.jul1), state: state)
        }
        #expect(throws: UnitRuleViolation.effectiveDateTooEarly(LocalDate(year: 2023, month: 12, day: 31)!, earliest: Self.jan1)) {
            try UnitDecider.decide(.deactivate(effectiveFrom: LocalDate(year: 2023, month: 12, day: 31)!, reason: nil), state: state)
        }
        #expect(throws: UnitRuleViolation.notRegistered) {
            try UnitDecider.decide(.deactivate(effectiveFrom: Self.jul1, reason: nil), state: .initial)
        }
    }
}
