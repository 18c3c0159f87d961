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

    /// `within:` answers the whole tree's answer filtered to those units — for every selection, every
    /// month of 2025 (before and after the merge and the new department), and every subtree and
    /// single unit as `within`, including units under a unit that is not registered yet.
    @Test func withinIsTheWholeAnswerFiltered() {
        var directory = Self.directory
        // A department registered later under which a commune hangs: not under "tinh" until it exists.
        directory.apply(
            .registered(
                UnitRegistered(
                    unitId: "so-sau", name: "so-sau", kind: .provincialDepartment, parentId: "tinh", effectiveFrom: Self.date("2025-09-01"))
            ),
            position: 100)
        directory.apply(
            .registered(
                UnitRegistered(unitId: "xa-2", name: "xa-2", kind: .commune, parentId: "so-sau", effectiveFrom: Self.date("2025-01-01"))),
            position: 101)
        let selections: [ReporterSelection] = [
            .kinds([.provincialDepartment, .districtCommittee], underUnitId: "tinh"), .kinds([.commune], underUnitId: "tinh"),
            .kinds([.commune], underUnitId: "huyen-b"), .kinds([.commune], underUnitId: "so-sau"), .units(["huyen-a", "so-moi", "xa-2"]),
        ]
        let ids = ["tinh", "so-tttt", "so-noi-vu", "huyen-a", "huyen-b", "xa-1", "so-moi", "so-sau", "xa-2", "nobody"]
        var compared = 0
        for selection in selections {
            let state = Self.obligation(selection)
            for month in 1...12 {
                let period = Self.period("2025-\(month < 10 ? "0" : "")\(month)")
                let due = Self.date("2025-\(month < 10 ? "0" : "")\(month)-23")
                let whole = state.expectedReporters(for: period, directory: directory)
                var withins: [Set<String>] = ids.map { [$0] } + [[], Set(ids)]
                withins += ids.map { directory.subtree(of: $0, on: due) }
                for within in withins {
                    #expect(
                        state.expectedReporters(for: period, directory: directory, within: within) == whole?.filter(within.contains),
                        "\(selection) \(period) within \(within.sorted())")
                    compared += 1
                }
            }
        }
        #expect(compared == selections.count * 12 * (2 * ids.count + 2))
    }
}
