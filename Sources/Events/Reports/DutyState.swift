/// What a reporting duty's stream says now: the state the report decider checks commands against.
public struct DutyState: Sendable, Hashable {
    /// Where the report stands.
    public enum Stage: String, Sendable, Hashable, Codable {
        /// Nothing filed.
        case open
        /// Filed (or re-submitted) and waiting for the recipient.
        case submitted
        /// Sent back by the recipient; waiting for a re-submission.
        case returned
        /// Accepted by the recipient.
        case accepted
    }

    /// The stream version (0 when nothing happened yet).
    public var version: Int64 = 0
    public var reportId: String?
    public var stage: Stage = .open
    /// The first submission time: it alone decides timeliness.
    public var firstSubmittedAt: Timestamp?
    /// How the first submission came in (`api`, `paper`, `documentSystem`).
    public var firstChannel: ReportChannel?
    /// When the first submission was entered here; later than `firstSubmittedAt` for a receipt recorded after the fact.
    public var firstRecordedAt: Timestamp?
    public var confidential = false
    public var excused = false
    public var excuseReason: String?
    public var returnCount = 0

    /// The state before any event.
    public static let initial = DutyState()

    /// Folds one event into the state (the decider's `evolve`).
    public static func evolve(_ state: DutyState, _ event: ReportEvent) -> DutyState {
        var state = state
        state.version += 1
        switch event {
        case .filed(let e):
            state.reportId = e.reportId
            state.stage = .submitted
            if state.firstSubmittedAt == nil {
                (state.firstSubmittedAt, state.firstChannel, state.firstRecordedAt) = (e.submittedAt, e.channel, e.recordedAt)
            }
            state.confidential = e.confidential
        case .amended: break
        case .returned:
            state.stage = .returned
            state.returnCount += 1
        case .resubmitted: state.stage = .submitted
        case .accepted: state.stage = .accepted
        case .excused(let e):
            state.excused = true
            state.excuseReason = e.reason
        }
        return state
    }
}

extension DutyState: Codable {}
