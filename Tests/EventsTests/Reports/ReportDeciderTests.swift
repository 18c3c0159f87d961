import Events
import Testing

/// Given a duty's events, when a report command, then events or a refusal — the report decider
/// without a database: filing once, amend/return/resubmit/accept stages, excusal, receipt time.
@Suite struct ReportDeciderTests {
    static let duty = ReportingDuty(obligationId: "monthly-dic", unitId: "so-tttt", period: try! Period(parsing: "2024-10"))
    static let terms = DutyTerms(applies: true, confidentialAllowed: false)
    static let oct20 = Timestamp(rfc3339: "2024-10-20T09:00:00+07:00")!
    static let oct25 = Timestamp(rfc3339: "2024-10-25T09:00:00+07:00")!
    static let content = ReportContent(summary: "Tình hình dư luận tháng 10", body: "…", topics: ["giải phóng mặt bằng"])

    /// Runs commands in order from the initial state, each seeing the previous events.
    func given(_ commands: [(ReportCommand, Timestamp)], terms: DutyTerms = Self.terms) throws -> DutyState {
        var state = DutyState.initial
        for (command, now) in commands {
            for event in try ReportDecider.decide(command, duty: Self.duty, state: state, terms: terms, now: now) {
                state = DutyState.evolve(state, event)
            }
        }
        return state
    }

    static func file(_ id: String = "r1", receivedAt: Timestamp? = nil, confidential: Bool = false, channel: ReportChannel = .api)
        -> ReportCommand
    {
        .file(reportId: id, content: content, confidential: confidential, channel: channel, receivedAt: receivedAt)
    }

    @Test func filingRecordsTheSubmissionTimeAndIsRefusedTheSecondTime() throws {
        let events = try ReportDecider.decide(Self.file(), duty: Self.duty, state: .initial, terms: Self.terms, now: Self.oct20)
        guard case .filed(let filed) = try #require(events.first) else { Issue.record("expected ReportFiled"); return }
        #expect(filed.submittedAt == Self.oct20)
        #expect(filed.recordedAt == Self.oct20)
        #expect(filed.channel == .api)
        let state = try given([(Self.file(), Self.oct20)])
        #expect(throws: ReportRuleViolation.alreadyFiled(reportId: "r1")) {
            try ReportDecider.decide(Self.file("r2"), duty: Self.duty, state: state, terms: Self.terms, now: Self.oct25)
        }
    }

    @Test func aReportReceivedOnPaperIsTimedByItsReceipt() throws {
        let events = try ReportDecider.decide(
            Self.file(receivedAt: Self.oct20, channel: .paper), duty: Self.duty, state: .initial, terms: Self.terms, now: Self.oct25)
        guard case .filed(let filed) = try #require(events.first) else { Issue.record("expected ReportFiled"); return }
        #expect(filed.submittedAt == Self.oct20, "the receipt time decides timeliness")
        #expect(filed.recordedAt == Self.oct25, "the event keeps when it was recorded too")
        #expect(throws: ReportRuleViolation.receivedInTheFuture) {
            try ReportDecider.decide(
                Self.file(receivedAt: Self.oct25, channel: .paper), duty: Self.duty, state: .initial, terms: Self.terms, now: Self.oct20)
        }
    }

    @Test func confidentialOnlyWhereAllowedAndOnlyWhenExpected() throws {
        #expect(throws: ReportRuleViolation.confidentialNotAllowed) {
            try ReportDecider.decide(Self.file(confidential: true), duty: Self.duty, state: .initial, terms: Self.terms, now: Self.oct20)
        }
        let allowed = DutyTerms(applies: true, confidentialAllowed: true)
        #expect(try given([(Self.file(confidential: true), Self.oct20)], terms: allowed).confidential)
        #expect(throws: ReportRuleViolation.notExpected) {
            try ReportDecider.decide(
                Self.file(), duty: Self.duty, state: .initial, terms: DutyTerms(applies: false, confidentialAllowed: false), now: Self.oct20
            )
        }
    }

    @Test func returnResubmitAcceptKeepTheFirstSubmissionTime() throws {
        let state = try given([
            (Self.file(), Self.oct20), (.amend(Self.content), Self.oct20),
            (.returnToUnit(reason: "thiếu phân tích, dự báo và đề xuất"), Self.oct25),
        ])
        #expect(state.stage == .returned)
        #expect(throws: ReportRuleViolation.wrongStage(.amend, stage: .returned)) {
            try ReportDecider.decide(.amend(Self.content), duty: Self.duty, state: state, terms: Self.terms, now: Self.oct25)
        }
        #expect(throws: ReportRuleViolation.wrongStage(.accept, stage: .returned)) {
            try ReportDecider.decide(.accept, duty: Self.duty, state: state, terms: Self.terms, now: Self.oct25)
        }
        let accepted = try given([
            (Self.file(), Self.oct20), (.returnToUnit(reason: "thiếu đề xuất"), Self.oct25), (.resubmit(Self.content), Self.oct25),
            (.accept, Self.oct25),
        ])
        #expect(accepted.stage == .accepted)
        #expect(accepted.firstSubmittedAt == Self.oct20, "the first filing decides timeliness")
        #expect(accepted.returnCount == 1)
        #expect(throws: ReportRuleViolation.wrongStage(.resubmit, stage: .accepted)) {
            try ReportDecider.decide(.resubmit(Self.content), duty: Self.duty, state: accepted, terms: Self.terms, now: Self.oct25)
        }
    }

    @Test func commandsOnAnEmptyDutyAreRefused() {
        for command in [ReportCommand.amend(Self.content), .returnToUnit(reason: "x"), .resubmit(Self.content), .accept] {
            #expect(throws: ReportRuleViolation.noReport) {
                try ReportDecider.decide(command, duty: Self.duty, state: .initial, terms: Self.terms, now: Self.oct20)
            }
        }
    }

    @Test func excusalOnlyBeforeFilingAndOnce() throws {
        let excused = try given([(.excuse(reason: "sáp nhập đơn vị"), Self.oct20)])
        #expect(excused.excused)
        #expect(throws: ReportRuleViolation.alreadyExcused) {
            try ReportDecider.decide(.excuse(reason: "again"), duty: Self.duty, state: excused, terms: Self.terms, now: Self.oct20)
        }
        let filed = try given([(Self.file(), Self.oct20)])
        #expect(throws: ReportRuleViolation.wrongStage(.excuse, stage: .submitted)) {
            try ReportDecider.decide(.excuse(reason: "late"), duty: Self.duty, state: filed, terms: Self.terms, now: Self.oct25)
        }
    }

    @Test func textIsValidated() {
        let blank = ReportContent(summary: "   ", body: "", topics: [])
        #expect(throws: ReportRuleViolation.invalidText(field: "summary", reason: "must not be blank")) {
            try ReportDecider.decide(
                .file(reportId: "r", content: blank, confidential: false, channel: .api, receivedAt: nil), duty: Self.duty, state: .initial,
                terms: Self.terms, now: Self.oct20)
        }
        let longTopic = ReportContent(summary: "x", body: "", topics: [String(repeating: "a", count: 101)])
        #expect(throws: ReportRuleViolation.invalidText(field: "topics[0]", reason: "must be at most 100 characters")) {
            try ReportDecider.decide(
                .file(reportId: "r", content: longTopic, confidential: false, channel: .api, receivedAt: nil), duty: Self.duty,
                state: .initial, terms: Self.terms, now: Self.oct20)
        }
    }

    @Test func theDutyStreamNameIsStable() {
        #expect(Self.duty.streamId?.rawValue == "duty:monthly-dic:so-tttt:2024-10")
    }
}
