import Events
import Testing

/// Given a district with filed reports or communes under it, when it is merged, then the merge is
/// refused while it would leave a filing counting nowhere or children under a unit that no longer
/// exists (issue 10, item 5).
@Suite struct UnitDeciderMergeTests {
    static let jan1 = LocalDate(year: 2026, month: 1, day: 1)!
    static let district = UnitState.evolve(
        .initial,
        .registered(
            UnitRegistered(unitId: "huyen-c", name: "UBND huyện C", kind: .districtCommittee, parentId: "tinh", effectiveFrom: jan1)))
    static let survivor = UnitState.evolve(
        .initial,
        .registered(
            UnitRegistered(unitId: "huyen-a", name: "UBND huyện A", kind: .districtCommittee, parentId: "tinh", effectiveFrom: jan1)))
    /// Reports huyện C filed for September (due 23 Sep) and October (due 23 Oct).
    static let filed = [
        CountedDuty(reportId: "thang.huyen-c.2026-09", dueDate: LocalDate(year: 2026, month: 9, day: 23)!),
        CountedDuty(reportId: "thang.huyen-c.2026-10", dueDate: LocalDate(year: 2026, month: 10, day: 23)!),
    ]

    static func merge(from date: LocalDate, children: [String] = [], counted: [CountedDuty] = filed) throws(UnitRuleViolation)
        -> [UnitEvent]
    {
        try UnitDecider.decide(
            .merge(intoUnitId: "huyen-a", effectiveFrom: date), state: district,
            neighbourhood: UnitNeighbourhood(mergeTarget: survivor, children: children, countedDuties: counted))
    }

    @Test func aMergeDatedOnOrBeforeAFiledPeriodsDueDateIsRefusedNamingTheReports() throws {
        let sep1 = LocalDate(year: 2026, month: 9, day: 1)!
        let violation = UnitRuleViolation.mergeWouldUncountReports(
            ["thang.huyen-c.2026-09", "thang.huyen-c.2026-10"], effectiveFrom: sep1)
        #expect(throws: violation) { try Self.merge(from: sep1) }
        #expect(violation.field == "effectiveFrom")
        #expect(violation.message.contains("thang.huyen-c.2026-09, thang.huyen-c.2026-10"))
        let oct23 = LocalDate(year: 2026, month: 10, day: 23)!
        #expect(throws: UnitRuleViolation.mergeWouldUncountReports(["thang.huyen-c.2026-10"], effectiveFrom: oct23)) {
            try Self.merge(from: oct23)
        }
        // From the day after the last filed period falls due, every filing keeps counting for huyện C.
        let oct24 = LocalDate(year: 2026, month: 10, day: 24)!
        #expect(try Self.merge(from: oct24) == [.merged(UnitMerged(unitId: "huyen-c", intoUnitId: "huyen-a", effectiveFrom: oct24))])
    }

    @Test func aMergeIsRefusedWhileTheUnitHasChildren() throws {
        let nov1 = LocalDate(year: 2026, month: 11, day: 1)!
        let violation = UnitRuleViolation.mergeWithChildren(["xa-1", "xa-2"])
        #expect(throws: violation) { try Self.merge(from: nov1, children: ["xa-2", "xa-1"]) }
        #expect(violation.message.contains("xa-1, xa-2"))
        #expect(try Self.merge(from: nov1, children: []).count == 1)
    }
}
