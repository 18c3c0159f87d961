/// Every event of an incident's stream.
public enum IncidentEvent: Sendable, Hashable {
    case logged(IncidentLogged)
    case sightingAdded(SightingAdded)
    case assigned(IncidentAssigned)
    case escalated(IncidentEscalated)
    case verificationCompleted(VerificationCompleted)
    case responseIssued(ResponseIssued)
    case correctionPublished(CorrectionPublished)
    case resolved(IncidentResolved)
    case reopened(IncidentReopened)
    case closed(IncidentClosed)
    case merged(IncidentMerged)

    /// The type names of incident events, for filtered reads.
    public static let eventTypes = [
        IncidentLogged.eventType, SightingAdded.eventType, IncidentAssigned.eventType, IncidentEscalated.eventType,
        VerificationCompleted.eventType, ResponseIssued.eventType, CorrectionPublished.eventType,
        IncidentResolved.eventType, IncidentReopened.eventType, IncidentClosed.eventType, IncidentMerged.eventType,
    ]

    /// The stream prefix: an incident's stream is `incident-<incidentId>`.
    public static let streamPrefix = "incident-"

    /// The stream of incident `incidentId`, or nil when the id breaks `IncidentID.pattern`.
    public static func streamId(of incidentId: String) -> StreamID? {
        guard IncidentID.isValid(incidentId) else { return nil }
        return StreamID(streamPrefix + incidentId)
    }

    /// The event ready to append.
    public func newEvent() throws -> NewEvent {
        switch self {
        case .logged(let e): return try NewEvent(e)
        case .sightingAdded(let e): return try NewEvent(e)
        case .assigned(let e): return try NewEvent(e)
        case .escalated(let e): return try NewEvent(e)
        case .verificationCompleted(let e): return try NewEvent(e)
        case .responseIssued(let e): return try NewEvent(e)
        case .correctionPublished(let e): return try NewEvent(e)
        case .resolved(let e): return try NewEvent(e)
        case .reopened(let e): return try NewEvent(e)
        case .closed(let e): return try NewEvent(e)
        case .merged(let e): return try NewEvent(e)
        }
    }

    /// Decodes a recorded incident event; nil for other types.
    public init?(_ recorded: RecordedEvent, decoder: EventDecoder = EventDecoder()) throws {
        switch recorded.type {
        case IncidentLogged.eventType: self = .logged(try decoder.decode(recorded))
        case SightingAdded.eventType: self = .sightingAdded(try decoder.decode(recorded))
        case IncidentAssigned.eventType: self = .assigned(try decoder.decode(recorded))
        case IncidentEscalated.eventType: self = .escalated(try decoder.decode(recorded))
        case VerificationCompleted.eventType: self = .verificationCompleted(try decoder.decode(recorded))
        case ResponseIssued.eventType: self = .responseIssued(try decoder.decode(recorded))
        case CorrectionPublished.eventType: self = .correctionPublished(try decoder.decode(recorded))
        case IncidentResolved.eventType: self = .resolved(try decoder.decode(recorded))
        case IncidentReopened.eventType: self = .reopened(try decoder.decode(recorded))
        case IncidentClosed.eventType: self = .closed(try decoder.decode(recorded))
        case IncidentMerged.eventType: self = .merged(try decoder.decode(recorded))
        default: return nil
        }
    }

    /// The incident the event belongs to.
    public var incidentId: String {
        switch self {
        case .logged(let e): return e.incidentId
        case .sightingAdded(let e): return e.incidentId
        case .assigned(let e): return e.incidentId
        case .escalated(let e): return e.incidentId
        case .verificationCompleted(let e): return e.incidentId
        case .responseIssued(let e): return e.incidentId
        case .correctionPublished(let e): return e.incidentId
        case .resolved(let e): return e.incidentId
        case .reopened(let e): return e.incidentId
        case .closed(let e): return e.incidentId
        case .merged(let e): return e.incidentId
        }
    }

    /// When the event happened in the domain (logged, assigned, issued…; for a response or a
    /// correction, when it was recorded here).
    public var occurredAt: Timestamp {
        switch self {
        case .logged(let e): return e.loggedAt
        case .sightingAdded(let e): return e.addedAt
        case .assigned(let e): return e.assignedAt
        case .escalated(let e): return e.escalatedAt
        case .verificationCompleted(let e): return e.completedAt
        case .responseIssued(let e): return e.recordedAt
        case .correctionPublished(let e): return e.recordedAt
        case .resolved(let e): return e.resolvedAt
        case .reopened(let e): return e.reopenedAt
        case .closed(let e): return e.closedAt
        case .merged(let e): return e.mergedAt
        }
    }
}

/// The rule for incident ids: `^[a-z0-9][a-z0-9-]{0,63}$`, except the reserved `summary` (the path
/// `/v1/incidents/summary` is the supervisors' figures).
public enum IncidentID {
    /// Ids that name routes under `/v1/incidents`.
    public static let reserved: Set<String> = ["summary"]

    /// The rule, as the OpenAPI document and error messages show it.
    public static let pattern = "^[a-z0-9][a-z0-9-]{0,63}$"

    /// Whether `text` is an acceptable incident id.
    public static func isValid(_ text: String) -> Bool {
        !reserved.contains(text) && matchesPattern(text)
    }

    /// Whether `text` matches the pattern (reserved ids included).
    public static func matchesPattern(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard (1...64).contains(bytes.count) else { return false }
        func isLowerAlphanumeric(_ b: UInt8) -> Bool { (48...57).contains(b) || (97...122).contains(b) }
        return isLowerAlphanumeric(bytes[0]) && bytes.allSatisfy { isLowerAlphanumeric($0) || $0 == UInt8(ascii: "-") }
    }
}
