import Events
import Testing

/// Given a defined obligation, when it is retired, then `ObligationRetired` — never dropping a period
/// whose deadline has passed — and nothing changes after it.
@Suite struct ObligationRetireTests {
    typealias F = ObligationFixture

    func retire(_ last: String, at now: String, given: [ObligationEvent] = [F.defined]) throws(ObligationRuleViolation) -> [ObligationEvent]
    {
        try ObligationDecider.decide(.retire(lastPeriod: F.period(last), reason: "superseded"), state: F.given(given), facts: F.facts(now))
    }

    @Test func retiresWhileTheFirstDroppedPeriodIsStillOpen() throws {
        let events = try retire("2024-12", at: "2025-01-22T23:59:59")
        #expect(events == [.retired(ObligationRetired(obligationId: "bc-thang", lastPeriod: F.period("2024-12"), reason: "superseded"))])
        #expect(
            throws: ObligationRuleViolation.deadlinePassed(
                F.period("2025-01"), deadline: F.local("2025-01-23T00:00:00"), field: "lastPeriod")
        ) { try retire("2024-12", at: "2025-01-23T00:00:00") }
    }

    @Test func mayEndBeforeTheFirstPeriodWhileItIsOpen() throws {
        #expect(throws: Never.self) { try retire("2024-09", at: "2024-10-01T00:00:00") }
        #expect(throws: ObligationRuleViolation.retireBeforeCurrentVersion(F.period("2024-08"), currentStart: F.period("2024-10"))) {
            try retire("2024-08", at: "2024-10-01T00:00:00")
        }
    }

    @Test func theLastPeriodMustBeOfTheSchedulesKind() {
        #expect(
            throws: ObligationRuleViolation.periodNotInSchedule(
                F.period("2025-Q1"), .periodKindMismatch(expected: .month, period: F.period("2025-Q1")), field: "lastPeriod")
        ) { try retire("2025-Q1", at: "2024-12-01T00:00:00") }
    }

    @Test func nothingChangesAfterRetirement() throws {
        let retired = F.given([F.defined] + (try retire("2025-06", at: "2024-12-01T00:00:00")))
        #expect(retired.isRetired)
        #expect(throws: ObligationRuleViolation.retired(lastPeriod: F.period("2025-06"))) {
            try ObligationDecider.decide(
                .retire(lastPeriod: F.period("2025-12"), reason: nil), state: retired, facts: F.facts("2024-12-01T00:00:00"))
        }
        #expect(throws: ObligationRuleViolation.retired(lastPeriod: F.period("2025-06"))) {
            try ObligationDecider.decide(
                .revise(effectiveFrom: F.period("2025-03"), terms: F.monthly20), state: retired, facts: F.facts("2024-12-01T00:00:00"))
        }
        #expect(throws: ObligationRuleViolation.notDefined) { try retire("2025-06", at: "2024-12-01T00:00:00", given: []) }
    }
}
