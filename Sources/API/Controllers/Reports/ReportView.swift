import Events

/// A report as its duty stream tells it: the latest text, every return with its reason, and times.
struct ReportView: Sendable {
    var duty: ReportingDuty
    var state = DutyState.initial
    var summary: String?
    var body: String?
    var topics: [String] = []
    var channel: ReportChannel?
    var recordedAt: Timestamp?
    var returns: [String] = []

    /// Folds a duty stream's events, starting from `start` (an empty report by default).
    static func fold(_ duty: ReportingDuty, _ events: [RecordedEvent], into start: ReportView? = nil) throws -> ReportView {
        var view = start ?? ReportView(duty: duty)
        for recorded in events {
            guard let event = try ReportEvent(recorded) else { continue }
            view.state = DutyState.evolve(view.state, event)
            switch event {
            case .filed(let e):
                (view.summary, view.body, view.topics, view.channel, view.recordedAt) = (
                    e.summary, e.body, e.topics, e.channel, e.recordedAt
                )
            case .amended(let e): (view.summary, view.body, view.topics) = (e.summary, e.body, e.topics)
            case .resubmitted(let e): (view.summary, view.body, view.topics) = (e.summary, e.body, e.topics)
            case .returned(let e): view.returns.append(e.reason)
            case .accepted, .excused: break
            }
        }
        return view
    }
}

/// A report as the API shows it. Confidential text is left out for readers who may not see it.
struct ReportResource: Codable, Sendable {
    var id: String
    var obligationId: String
    var unitId: String
    var period: String
    var stage: DutyState.Stage
    var confidential: Bool
    var excused: Bool
    var excuseReason: String?
    var channel: ReportChannel?
    var summary: String?
    var body: String?
    var topics: [String]?
    var submittedAt: String?
    var recordedAt: String?
    var returns: [String]
    var version: Int64
    var position: Int64?

    init(_ view: ReportView, showText: Bool, position: Int64? = nil) {
        id = ReportID.make(view.duty)
        obligationId = view.duty.obligationId
        unitId = view.duty.unitId
        period = view.duty.period.description
        stage = view.state.stage
        confidential = view.state.confidential
        excused = view.state.excused
        excuseReason = view.state.excuseReason
        channel = view.channel
        summary = showText ? view.summary : nil
        body = showText ? view.body : nil
        topics = showText ? view.topics : nil
        submittedAt = view.state.firstSubmittedAt?.rfc3339
        recordedAt = view.recordedAt?.rfc3339
        returns = view.returns
        version = view.state.version
        self.position = position
    }
}
