/// Every event of an obligation's stream.
public enum ObligationEvent: Sendable, Hashable {
    case defined(ObligationDefined)
    case revised(ObligationRevised)
    case retired(ObligationRetired)

    /// The type names of obligation events, for filtered reads.
    public static let eventTypes = [ObligationDefined.eventType, ObligationRevised.eventType, ObligationRetired.eventType]

    /// The event ready to append.
    public func newEvent() throws -> NewEvent {
        switch self {
        case .defined(let event): return try NewEvent(event)
        case .revised(let event): return try NewEvent(event)
        case .retired(let event): return try NewEvent(event)
        }
    }

    /// Decodes a recorded event of an obligation stream; nil for types that are not obligation events.
    public init?(_ recorded: RecordedEvent, decoder: EventDecoder = EventDecoder()) throws {
        switch recorded.type {
        case ObligationDefined.eventType: self = .defined(try decoder.decode(recorded))
        case ObligationRevised.eventType: self = .revised(try decoder.decode(recorded))
        case ObligationRetired.eventType: self = .retired(try decoder.decode(recorded))
        default: return nil
        }
    }

    /// The obligation the event is about.
    public var obligationId: String {
        switch self {
        case .defined(let event): return event.obligationId
        case .revised(let event): return event.obligationId
        case .retired(let event): return event.obligationId
        }
    }
}
