/// Every event of a reporting duty's stream.
public enum ReportEvent: Sendable, Hashable {
    case filed(ReportFiled)
    case amended(ReportAmended)
    case returned(ReportReturned)
    case resubmitted(ReportResubmitted)
    case accepted(ReportAccepted)
    case excused(ReportingExcused)

    /// The type names of duty events, for filtered reads.
    public static let eventTypes = [
        ReportFiled.eventType, ReportAmended.eventType, ReportReturned.eventType, ReportResubmitted.eventType,
        ReportAccepted.eventType, ReportingExcused.eventType,
    ]

    /// The event ready to append.
    public func newEvent() throws -> NewEvent {
        switch self {
        case .filed(let e): return try NewEvent(e)
        case .amended(let e): return try NewEvent(e)
        case .returned(let e): return try NewEvent(e)
        case .resubmitted(let e): return try NewEvent(e)
        case .accepted(let e): return try NewEvent(e)
        case .excused(let e): return try NewEvent(e)
        }
    }

    /// Decodes a recorded duty event; nil for other types.
    public init?(_ recorded: RecordedEvent, decoder: EventDecoder = EventDecoder()) throws {
        switch recorded.type {
        case ReportFiled.eventType: self = .filed(try decoder.decode(recorded))
        case ReportAmended.eventType: self = .amended(try decoder.decode(recorded))
        case ReportReturned.eventType: self = .returned(try decoder.decode(recorded))
        case ReportResubmitted.eventType: self = .resubmitted(try decoder.decode(recorded))
        case ReportAccepted.eventType: self = .accepted(try decoder.decode(recorded))
        case ReportingExcused.eventType: self = .excused(try decoder.decode(recorded))
        default: return nil
        }
    }
}
