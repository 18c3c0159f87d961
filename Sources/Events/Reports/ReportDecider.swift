/// Decides which events a report command produces for a duty, or why it is refused. Pure: the duty's
/// state, the obligation's terms and the current instant come in as values.
public enum ReportDecider {
    /// The longest summary accepted.
    public static let maximumSummaryLength = 2_000
    /// The longest body accepted.
    public static let maximumBodyLength = 200_000

    /// The events for `command` on `duty`.
    public static func decide(
        _ command: ReportCommand, duty: ReportingDuty, state: DutyState, terms: DutyTerms, now: Timestamp
    ) throws(ReportRuleViolation) -> [ReportEvent] {
        switch command {
        case .file(let reportId, let content, let confidential, let channel, let receivedAt):
            if let existing = state.reportId { throw .alreadyFiled(reportId: existing) }
            guard terms.applies else { throw .notExpected }
            guard !confidential || terms.confidentialAllowed else { throw .confidentialNotAllowed }
            if let receivedAt, receivedAt > now { throw .receivedInTheFuture }
            try checkSubmissionTime(receivedAt ?? now, receipt: receivedAt != nil, duty: duty, terms: terms)
            let content = try validated(content)
            return [
                .filed(
                    ReportFiled(
                        reportId: reportId, duty: duty, summary: content.summary, body: content.body, topics: content.topics,
                        confidential: confidential, channel: channel, submittedAt: receivedAt ?? now, recordedAt: now))
            ]
        case .amend(let content):
            let reportId = try existingReport(state)
            guard state.stage == .submitted else { throw .wrongStage(.amend, stage: state.stage) }
            let content = try validated(content)
            return [
                .amended(
                    ReportAmended(reportId: reportId, summary: content.summary, body: content.body, topics: content.topics, amendedAt: now))
            ]
        case .returnToUnit(let reason):
            let reportId = try existingReport(state)
            guard state.stage == .submitted else { throw .wrongStage(.returnToUnit, stage: state.stage) }
            return [.returned(ReportReturned(reportId: reportId, reason: try text(reason, field: "reason", limit: 2_000), returnedAt: now))]
        case .resubmit(let content):
            let reportId = try existingReport(state)
            guard state.stage == .returned else { throw .wrongStage(.resubmit, stage: state.stage) }
            let content = try validated(content)
            return [
                .resubmitted(
                    ReportResubmitted(
                        reportId: reportId, summary: content.summary, body: content.body, topics: content.topics, resubmittedAt: now))
            ]
        case .accept:
            let reportId = try existingReport(state)
            guard state.stage == .submitted else { throw .wrongStage(.accept, stage: state.stage) }
            return [.accepted(ReportAccepted(reportId: reportId, acceptedAt: now))]
        case .excuse(let reason):
            guard !state.excused else { throw .alreadyExcused }
            guard terms.applies else { throw .notExpected }
            guard state.reportId == nil else { throw .wrongStage(.excuse, stage: state.stage) }
            return [.excused(ReportingExcused(duty: duty, reason: try text(reason, field: "reason", limit: 2_000), excusedAt: now))]
        }
    }

    /// A report is submitted (or received) no earlier than its period's data window opens and the
    /// reporting unit exists: otherwise a filing made now would lock in "on time" for a period not
    /// begun, and a back-dated receipt could turn an overdue unit on time.
    private static func checkSubmissionTime(
        _ submittedAt: Timestamp, receipt: Bool, duty: ReportingDuty, terms: DutyTerms
    ) throws(ReportRuleViolation) {
        if let opens = terms.windowOpensAt, submittedAt < opens {
            throw receipt ? .receivedBeforeWindow(duty.period, opensAt: opens) : .periodNotOpen(duty.period, opensAt: opens)
        }
        if let exists = terms.unitExistsFrom, submittedAt < exists {
            throw .beforeUnitExisted(unitId: duty.unitId, existsFrom: exists, receipt: receipt)
        }
    }

    private static func existingReport(_ state: DutyState) throws(ReportRuleViolation) -> String {
        guard let reportId = state.reportId else { throw .noReport }
        return reportId
    }

    /// The most topics one report may carry.
    public static let maximumTopics = 50

    /// Checks and trims report content; callers use it to refuse bad text before loading any state.
    public static func validated(_ content: ReportContent) throws(ReportRuleViolation) -> ReportContent {
        guard content.topics.count <= maximumTopics else {
            throw .invalidText(field: "topics", reason: "must hold at most \(maximumTopics) topics")
        }
        let topics = try content.topics.enumerated().map { (index, topic) throws(ReportRuleViolation) in
            try text(topic, field: "topics[\(index)]", limit: 100)
        }
        return ReportContent(
            summary: try text(content.summary, field: "summary", limit: maximumSummaryLength),
            body: try text(content.body, field: "body", limit: maximumBodyLength, allowEmpty: true), topics: topics)
    }

    /// Checks one text field: length in Unicode scalars, no U+0000, not blank unless allowed.
    public static func text(_ value: String, field: String, limit: Int, allowEmpty: Bool = false) throws(ReportRuleViolation) -> String {
        switch value.checkedText(limit: limit, allowEmpty: allowEmpty) {
        case .success(let text): return text
        case .failure(let refusal): throw .invalidText(field: field, reason: refusal.reason)
        }
    }
}
