import Events
import Testing

/// Given a defined obligation, when it is revised, then `ObligationRevised` — never reaching into a
/// period whose deadline has passed — or a refusal.
@Suite struct ObligationReviseTests {
    typealias F = ObligationFixture

    func revise(
        from: String, to terms: ObligationTerms = F.monthly20, at now: String, given: [ObligationEvent] = [F.defined]
    ) throws(ObligationRuleViolation) -> [ObligationEvent] {
        try ObligationDecider.decide(.revise(effectiveFrom: F.period(from), terms: terms), state: F.given(given), facts: F.facts(now))
    }

    @Test func revisesFromAPeriodStillAhead() throws {
        let events = try revise(from: "2025-01", at: "2024-12-01T00:00:00")
        #expect(events == [.revised(ObligationRevised(obligationId: "bc-thang", effectiveFrom: F.period("2025-01"), terms: F.monthly20))])
    }

    @Test func theFirstPeriodMustStillBeOpenUnderTheNewTerms() throws {
        // 2025-01 under the new terms is due 2025-01-20 00:00 local.
        #expect(throws: Never.self) { try revise(from: "2025-01", at: "2025-01-19T23:59:59") }
        #expect(
            throws: ObligationRuleViolation.deadlinePassed(
                F.period("2025-01"), deadline: F.local("2025-01-20T00:00:00"), field: "effectiveFrom")
        ) { try revise(from: "2025-01", at: "2025-01-20T00:00:00") }
    }

    @Test func theFirstPeriodTheOldTermsLoseMustStillBeOpen() {
        var quarterly = F.monthly23
        quarterly.schedule = .quarterly(dueDay: 23)
        // 2025-Q1 is due 2025-03-23, but 2025-01 under the old terms was due 2025-01-23 and is settled.
        #expect(
            throws: ObligationRuleViolation.deadlinePassed(
                F.period("2025-01"), deadline: F.local("2025-01-23T00:00:00"), field: "effectiveFrom")
        ) { try revise(from: "2025-Q1", to: quarterly, at: "2025-01-24T00:00:00") }
        #expect(throws: Never.self) { try revise(from: "2025-Q2", to: quarterly, at: "2025-01-24T00:00:00") }
    }

    @Test func mustStartAfterEveryEarlierVersion() throws {
        #expect(throws: ObligationRuleViolation.notAfterEarlierVersion(F.period("2024-10"), earlierStart: F.period("2024-10"))) {
            try revise(from: "2024-10", at: "2024-01-01T00:00:00")
        }
        let revised = try revise(from: "2025-06", at: "2024-12-01T00:00:00")
        var again = F.monthly23
        again.confidentialAllowed = true
        #expect(throws: ObligationRuleViolation.notAfterEarlierVersion(F.period("2025-03"), earlierStart: F.period("2025-06"))) {
            try revise(from: "2025-03", to: again, at: "2024-12-01T00:00:00", given: [F.defined] + revised)
        }
    }

    @Test func refusesNothingNewAnUnknownObligationAndAKindMismatch() {
        #expect(throws: ObligationRuleViolation.nothingChanges) { try revise(from: "2025-01", to: F.monthly23, at: "2024-12-01T00:00:00") }
        #expect(throws: ObligationRuleViolation.notDefined) { try revise(from: "2025-01", at: "2024-12-01T00:00:00", given: []) }
        #expect(
            throws: ObligationRuleViolation.periodNotInSchedule(
                F.period("2025"), .periodKindMismatch(expected: .month, period: F.period("2025")), field: "effectiveFrom")
        ) { try revise(from: "2025", at: "2024-12-01T00:00:00") }
        var bad = F.monthly20
        bad.title = ""
        #expect(throws: ObligationRuleViolation.invalidTitle("must not be blank")) {
            try revise(from: "2025-01", to: bad, at: "2024-12-01T00:00:00")
        }
    }
}
