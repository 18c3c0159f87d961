import Events

/// A reporting duty as the read model keeps it: the duty, its decider state and the latest summary.
/// The same fold (`DutyState.evolve`) feeds the table and the answers "as of" a past instant.
public struct DutyRecord: Sendable, Hashable, Codable {
    public var duty: ReportingDuty
    public var state: DutyState
    /// The latest summary (from filing, amendment or re-submission), shown to consolidating units.
    public var summary: String?
    /// The log position of the last event applied.
    public var lastPosition: Int64

    /// A duty with nothing recorded yet.
    public init(duty: ReportingDuty) {
        self.duty = duty
        self.state = .initial
        self.summary = nil
        self.lastPosition = 0
    }

    /// Creates a record from stored parts.
    public init(duty: ReportingDuty, state: DutyState, summary: String?, lastPosition: Int64) {
        self.duty = duty
        self.state = state
        self.summary = summary
        self.lastPosition = lastPosition
    }

    /// Folds one duty event in.
    public mutating func apply(_ event: ReportEvent, position: Int64) {
        state = DutyState.evolve(state, event)
        switch event {
        case .filed(let e): summary = e.summary
        case .amended(let e): summary = e.summary
        case .resubmitted(let e): summary = e.summary
        default: break
        }
        lastPosition = position
    }

    /// The duty an event belongs to, read from its stream name.
    public static func duty(of event: RecordedEvent) -> ReportingDuty? {
        let parts = event.streamId.rawValue.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "duty", let period = try? Period(parsing: String(parts[3])) else { return nil }
        return ReportingDuty(obligationId: String(parts[1]), unitId: String(parts[2]), period: period)
    }

    /// Folds recorded events (any types) into records keyed by duty, in position order.
    public static func fold(_ events: [RecordedEvent], into records: inout [ReportingDuty: DutyRecord]) throws {
        for recorded in events {
            guard let event = try ReportEvent(recorded), let duty = duty(of: recorded) else { continue }
            records[duty, default: DutyRecord(duty: duty)].apply(event, position: recorded.position)
        }
    }
}
