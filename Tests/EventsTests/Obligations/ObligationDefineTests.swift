import Events
import Testing

/// Given nothing, when an obligation is defined, then `ObligationDefined` or a refusal naming the field.
@Suite struct ObligationDefineTests {
    typealias F = ObligationFixture

    func define(_ terms: ObligationTerms, from: String = "2024-10") throws(ObligationRuleViolation) -> [ObligationEvent] {
        try ObligationDecider.decide(
            .define(obligationId: "bc-thang", effectiveFrom: F.period(from), terms: terms), state: .initial,
            facts: F.facts("2024-11-24T09:00:00"))
    }

    @Test func definesWithNormalisedTermsEvenForAPastPeriod() throws {
        var terms = F.monthly23
        terms.title = "  Báo cáo tình hình   nắm bắt, xử lý dư luận "
        terms.reporters = .units(["huyen-a", "huyen-b", "huyen-a"])
        let events = try define(terms)
        var expected = F.monthly23
        expected.reporters = .units(["huyen-a", "huyen-b"])
        #expect(events == [.defined(ObligationDefined(obligationId: "bc-thang", effectiveFrom: F.period("2024-10"), terms: expected))])
    }

    @Test func refusesASecondDefinition() {
        #expect(throws: ObligationRuleViolation.alreadyDefined(obligationId: "bc-thang")) {
            try ObligationDecider.decide(
                .define(obligationId: "bc-thang", effectiveFrom: F.period("2024-10"), terms: F.monthly23),
                state: F.given([F.defined]), facts: F.facts("2024-11-24T09:00:00"))
        }
    }

    @Test func refusesBadTitles() {
        var blank = F.monthly23
        blank.title = " \t "
        #expect(throws: ObligationRuleViolation.invalidTitle("must not be blank")) { try define(blank) }
        var long = F.monthly23
        long.title = String(repeating: "x", count: 301)
        #expect(throws: ObligationRuleViolation.invalidTitle("must be at most 300 characters")) { try define(long) }
        long.title = String(repeating: "x", count: 300)
        #expect(throws: Never.self) { try define(long) }
    }

    @Test func refusesAnInvalidScheduleAndAPeriodOfAnotherKind() {
        var terms = F.monthly23
        terms.schedule = .monthly(dueDay: 32)
        #expect(throws: ObligationRuleViolation.invalidSchedule(.dueDayOutOfRange(32))) { try define(terms) }
        #expect(
            throws: ObligationRuleViolation.periodNotInSchedule(
                F.period("2024-Q4"), .periodKindMismatch(expected: .month, period: F.period("2024-Q4")), field: "effectiveFrom")
        ) { try define(F.monthly23, from: "2024-Q4") }
        terms.schedule = .oneOff(dueDate: LocalDate(year: 2024, month: 12, day: 1)!)
        #expect(throws: (any Error).self) { try define(terms, from: "2024-12-02") }
        #expect(throws: Never.self) { try define(terms, from: "2024-12-01") }
    }

    @Test func refusesNoReporters() {
        var terms = F.monthly23
        terms.reporters = .units([])
        #expect(throws: ObligationRuleViolation.noReporters) { try define(terms) }
        terms.reporters = .kinds([], underUnitId: "tinh")
        #expect(throws: ObligationRuleViolation.noReporters) { try define(terms) }
    }

    @Test func refusesUnknownUnitsAndZones() {
        var terms = F.monthly23
        terms.recipientUnitId = "ghost"
        #expect(throws: ObligationRuleViolation.unknownUnit("ghost", field: "recipientUnitId")) { try define(terms) }
        terms = F.monthly23
        terms.reporters = .units(["huyen-a", "ghost"])
        #expect(throws: ObligationRuleViolation.unknownUnit("ghost", field: "reporters.unitIds")) { try define(terms) }
        terms.reporters = .kinds([.commune], underUnitId: "ghost")
        #expect(throws: ObligationRuleViolation.unknownUnit("ghost", field: "reporters.underUnitId")) { try define(terms) }
        terms = F.monthly23
        terms.timeZone = "Mars/Olympus_Mons"
        #expect(throws: ObligationRuleViolation.unknownTimeZone("Mars/Olympus_Mons")) { try define(terms) }
        terms.timeZone = "Europe/Paris"
        #expect(throws: Never.self) { try define(terms) }
    }
}

/// The stateless checks a handler runs before reading any state.
@Suite struct ObligationCheckTermsTests {
    typealias F = ObligationFixture

    @Test func refusesWhatIsWrongInTheRequestItself() {
        #expect(throws: Never.self) { try ObligationDecider.checkTerms(F.monthly23, effectiveFrom: F.period("2024-10")) }
        var terms = F.monthly23
        terms.title = String(repeating: "y", count: 301)
        #expect(throws: ObligationRuleViolation.invalidTitle("must be at most 300 characters")) {
            try ObligationDecider.checkTerms(terms, effectiveFrom: F.period("2024-10"))
        }
        #expect(
            throws: ObligationRuleViolation.periodNotInSchedule(
                F.period("2024-W42"), .periodKindMismatch(expected: .month, period: F.period("2024-W42")), field: "effectiveFrom")
        ) { try ObligationDecider.checkTerms(F.monthly23, effectiveFrom: F.period("2024-W42")) }
        terms = F.monthly23
        terms.recipientUnitId = "ghost"
        #expect(throws: Never.self, "references are checked only by decide, against the unit tree") {
            try ObligationDecider.checkTerms(terms, effectiveFrom: F.period("2024-10"))
        }
    }
}
