import Events
import Projections
import Testing

/// Who is expected to report for a period, resolved against the unit tree on the period's due date.
@Suite struct ObligationExpectedReportersTests {
    static func date(_ text: String) -> LocalDate { try! LocalDate(parsing: text) }
    static func period(_ text: String) -> Period { try! Period(parsing: text) }

    /// The province, the DIC and another department, two districts (A merges into B on 2025-07-01), a
    /// commune, and a department set up on 2025-03-01.
    static let directory: UnitDirectory = {
        var directory = UnitDirectory()
        let start = date("2021-01-01")
        let units: [(String, UnitKind, String?, LocalDate)] = [
            ("tinh", .province, nil, start), ("so-tttt", .provincialDepartment, "tinh", start),
            ("so-noi-vu", .provincialDepartment, "tinh", start), ("huyen-a", .districtCommittee, "tinh", start),
            ("huyen-b", .districtCommittee, "tinh", start), ("xa-1", .commune, "huyen-a", start),
            ("so-moi", .provincialDepartment, "tinh", date("2025-03-01")),
        ]
        for (index, (id, kind, parent, from)) in units.enumerated() {
            directory.apply(
                .registered(UnitRegistered(unitId: id, name: id, kind: kind, parentId: parent, effectiveFrom: from)),
                position: Int64(index + 1))
        }
        directory.apply(.merged(UnitMerged(unitId: "huyen-a", intoUnitId: "huyen-b", effectiveFrom: date("2025-07-01"))), position: 99)
        return directory
    }()

    static func obligation(_ reporters: ReporterSelection, from start: String = "2025-01") -> ObligationState {
        let terms = ObligationTerms(
            title: "Báo cáo tháng", reporters: reporters, recipientUnitId: "so-tttt", schedule: .monthly(dueDay: 23))
        return ObligationState.evolve(
            .initial, .defined(ObligationDefined(obligationId: "bc", effectiveFrom: period(start), terms: terms)))
    }

    @Test func kindsUnderAUnitFollowTheTreeOnTheDueDate() {
        let state = Self.obligation(.kinds([.provincialDepartment, .districtCommittee], underUnitId: "tinh"))
        #expect(
            state.expectedReporters(for: Self.period("2025-02"), directory: Self.directory) == ["huyen-a", "huyen-b", "so-noi-vu"],
            "the recipient (the DIC) does not report to itself; the commune is of another kind")
        #expect(
            state.expectedReporters(for: Self.period("2025-03"), directory: Self.directory) == [
                "huyen-a", "huyen-b", "so-moi", "so-noi-vu",
            ],
            "a unit registered mid-year counts from then")
        #expect(state.expectedReporters(for: Self.period("2025-06"), directory: Self.directory)?.contains("huyen-a") == true)
        #expect(
            state.expectedReporters(for: Self.period("2025-07"), directory: Self.directory) == ["huyen-b", "so-moi", "so-noi-vu"],
            "a unit merged on 2025-07-01 drops out from the merge date")
        #expect(
            state.expectedReporters(for: Self.period("2025-06"), directory: Self.directory, on: Self.date("2025-07-01"))?
                .contains("huyen-a") == false, "an explicit date overrides the due date")
    }

    @Test func listedUnitsPassTheirDutyToTheUnitTheyMergedInto() {
        let state = Self.obligation(.units(["huyen-a", "so-moi"]))
        #expect(state.expectedReporters(for: Self.period("2025-02"), directory: Self.directory) == ["huyen-a"], "so-moi does not exist yet")
        #expect(state.expectedReporters(for: Self.period("2025-07"), directory: Self.directory) == ["huyen-b", "so-moi"])
    }

    @Test func nobodyIsExpectedWhereTheObligationDoesNotApply() {
        let state = Self.obligation(.units(["huyen-a"]))
        #expect(state.expectedReporters(for: Self.period("2024-12"), directory: Self.directory) == nil)
        #expect(state.expectedReporters(for: Self.period("2025-Q1"), directory: Self.directory) == nil)
    }
}
