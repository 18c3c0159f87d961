import Events
import Foundation
import Testing

/// Given no filing, when a report is filed or a receipt recorded, then the submission time is bounded:
/// not before the period's data window opens, not before the unit existed, not in the future
/// (issue 10, items 4 and 6).
@Suite struct ReportDeciderTimeBoundsTests {
    static let october = try! Period(parsing: "2026-10")
    static let duty = ReportingDuty(obligationId: "monthly-dic", unitId: "huyen-a", period: october)
    static let zone = TimeZone(identifier: "Asia/Ho_Chi_Minh")!
    /// Decree 09's window for 2026-10 opens on 15 September 2026, local midnight.
    static let opens = Timestamp(rfc3339: "2026-09-15T00:00:00+07:00")!
    static let terms = DutyTerms(applies: true, confidentialAllowed: false, windowOpensAt: opens)
    static let now = Timestamp(rfc3339: "2026-10-30T09:00:00+07:00")!

    static func file(receivedAt: Timestamp? = nil) -> ReportCommand {
        .file(
            reportId: "r1", content: ReportContent(summary: "Tháng 10", body: "…"), confidential: false,
            channel: receivedAt == nil ? .api : .paper, receivedAt: receivedAt)
    }

    static func decide(_ command: ReportCommand, terms: DutyTerms = terms, now: Timestamp = now) throws(ReportRuleViolation)
        -> [ReportEvent]
    {
        try ReportDecider.decide(command, duty: duty, state: .initial, terms: terms, now: now)
    }

    @Test func theWindowOpensWhereTheObligationSaysForEveryPeriodKind() throws {
        let terms = ObligationTerms(
            title: "t", reporters: .units(["huyen-a"]), recipientUnitId: "dic", schedule: .monthly(dueDay: 23))
        #expect(terms.dataWindowOpens(for: Self.october) == Self.opens)
        #expect(terms.dataWindowOpens(for: try Period(parsing: "2027-06")) == Timestamp(rfc3339: "2027-05-15T00:00:00+07:00")!)
    }

    @Test func aReceiptBackDatedBeforeTheWindowIsRefusedNamingReceivedAt() throws {
        for text in ["2020-01-01T00:00:00Z", "0001-01-01T00:00:00Z", "2026-09-14T23:59:59+07:00"] {
            let receivedAt = try #require(Timestamp(rfc3339: text))
            #expect(throws: ReportRuleViolation.receivedBeforeWindow(Self.october, opensAt: Self.opens)) {
                try Self.decide(Self.file(receivedAt: receivedAt))
            }
            #expect(ReportRuleViolation.receivedBeforeWindow(Self.october, opensAt: Self.opens).field == "receivedAt")
        }
        let events = try Self.decide(Self.file(receivedAt: Self.opens))
        guard case .filed(let filed) = try #require(events.first) else { Issue.record("expected ReportFiled"); return }
        #expect(filed.submittedAt == Self.opens, "the first instant of the window is inside it")
        #expect(filed.recordedAt == Self.now)
    }

    @Test func aReceiptBeforeTheUnitExistedIsRefused() throws {
        let registered = Timestamp(rfc3339: "2026-10-05T00:00:00+07:00")!
        let terms = DutyTerms(applies: true, confidentialAllowed: false, windowOpensAt: Self.opens, unitExistsFrom: registered)
        let violation = ReportRuleViolation.beforeUnitExisted(unitId: "huyen-a", existsFrom: registered, receipt: true)
        #expect(throws: violation) {
            try Self.decide(Self.file(receivedAt: Timestamp(rfc3339: "2026-10-01T08:00:00+07:00")!), terms: terms)
        }
        #expect(violation.field == "receivedAt")
        #expect(try Self.decide(Self.file(receivedAt: registered), terms: terms).count == 1)
        #expect(throws: ReportRuleViolation.receivedInTheFuture) {
            try Self.decide(Self.file(receivedAt: Timestamp(rfc3339: "2026-10-30T09:00:01+07:00")!), terms: terms)
        }
    }

    @Test func filingBeforeThePeriodsWindowOpensIsRefusedNamingPeriod() throws {
        let june = try Period(parsing: "2027-06")
        let opens = Timestamp(rfc3339: "2027-05-15T00:00:00+07:00")!
        let duty = ReportingDuty(obligationId: "monthly-dic", unitId: "huyen-a", period: june)
        let terms = DutyTerms(applies: true, confidentialAllowed: false, windowOpensAt: opens)
        #expect(throws: ReportRuleViolation.periodNotOpen(june, opensAt: opens)) {
            try ReportDecider.decide(Self.file(), duty: duty, state: .initial, terms: terms, now: Self.now)
        }
        #expect(ReportRuleViolation.periodNotOpen(june, opensAt: opens).field == "period")
        let events = try ReportDecider.decide(Self.file(), duty: duty, state: .initial, terms: terms, now: opens)
        #expect(events.count == 1, "at the window's first instant the report may be filed")
    }

    @Test func theFirstFilingsChannelAndRecordingTimeAreKept() throws {
        let receivedAt = Timestamp(rfc3339: "2026-10-20T10:00:00+07:00")!
        var state = DutyState.initial
        for event in try Self.decide(Self.file(receivedAt: receivedAt)) { state = DutyState.evolve(state, event) }
        #expect(state.firstSubmittedAt == receivedAt)
        #expect(state.firstChannel == .paper)
        #expect(state.firstRecordedAt == Self.now)
    }
}
