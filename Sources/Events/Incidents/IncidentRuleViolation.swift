/// Why an incident command was refused.
public enum IncidentRuleViolation: Error, Sendable, Hashable {
    /// No incident with this id was logged.
    case notLogged
    /// An incident with this id exists already.
    case alreadyLogged(incidentId: String)
    /// The step does not fit the incident's phase.
    case wrongPhase(command: String, phase: IncidentPhase)
    /// The incident was merged into `into`; commands go there.
    case merged(into: String)
    /// A correction request or rebuttal needs a verification that found the item inaccurate or partly so.
    case needsCorrectableVerification(kind: ResponseKind, outcome: VerificationOutcome?, phase: IncidentPhase)
    /// No response with this id.
    case unknownResponse(responseId: String)
    /// The response is not a correction request.
    case notACorrectionRequest(responseId: String, kind: ResponseKind)
    /// The outlet's correction for this request is recorded already.
    case correctionAlreadyRecorded(responseId: String)
    /// The responsible unit has no superior to escalate to.
    case noSuperiorUnit(unitId: String)
    /// `toUnitId` is not above the responsible unit.
    case notASuperior(unitId: String, of: String)
    /// The unit does not exist or is not active.
    case unknownUnit(unitId: String, field: String)
    /// An incident cannot be merged into itself.
    case mergeIntoItself
    /// The survivor does not exist.
    case mergeTargetNotFound(incidentId: String)
    /// The survivor was itself merged away.
    case mergeTargetMerged(incidentId: String, into: String)
    /// A time lies after the ledger's clock.
    case inTheFuture(field: String)
    /// A time lies before the moment it must follow.
    case tooEarly(field: String, reason: String)
    /// A text or list field breaks its limits.
    case invalidField(field: String, reason: String)

    /// A sentence for the problem document's `detail`.
    public var message: String {
        switch self {
        case .notLogged: return "no such incident"
        case .alreadyLogged(let id): return "incident \(id) is already logged"
        case .wrongPhase(let command, let phase): return "cannot \(command) an incident that is \(phase.rawValue)"
        case .merged(let into): return "the incident was merged into \(into); send commands to /v1/incidents/\(into)"
        case .needsCorrectableVerification(let kind, let outcome, _):
            let found = outcome.map { "the verification found it \($0.rawValue)" } ?? "the incident is not verified"
            return "a \(kind.rawValue) needs a verification that found the item inaccurate or partlyAccurate; \(found)"
        case .unknownResponse(let id): return "no response \(id) on this incident"
        case .notACorrectionRequest(let id, let kind): return "response \(id) is a \(kind.rawValue), not a correctionRequest"
        case .correctionAlreadyRecorded(let id): return "the outlet's correction for \(id) is already recorded"
        case .noSuperiorUnit(let unit): return "unit \(unit) has no superior unit to escalate to"
        case .notASuperior(let unit, let of): return "unit \(unit) is not above \(of)"
        case .unknownUnit(let unit, _): return "no active unit \(unit)"
        case .mergeIntoItself: return "an incident cannot be merged into itself"
        case .mergeTargetNotFound(let id): return "no incident \(id) to merge into"
        case .mergeTargetMerged(let id, let into): return "incident \(id) was itself merged into \(into); merge into that one"
        case .inTheFuture(let field): return "\(field) must not be later than now"
        case .tooEarly(let field, let reason): return "\(field) \(reason)"
        case .invalidField(let field, let reason): return "\(field) \(reason)"
        }
    }

    /// The request field at fault, when there is one.
    public var field: String? {
        switch self {
        case .unknownUnit(_, let field), .inTheFuture(let field), .tooEarly(let field, _), .invalidField(let field, _): return field
        case .notASuperior: return "toUnitId"
        case .mergeIntoItself, .mergeTargetNotFound, .mergeTargetMerged: return "into"
        case .needsCorrectableVerification: return "kind"
        default: return nil
        }
    }

    /// The incident's phase the refusal is about, for the problem document's `state`.
    public var state: String? {
        switch self {
        case .wrongPhase(_, let phase), .needsCorrectableVerification(_, _, let phase): return phase.rawValue
        case .merged: return IncidentPhase.merged.rawValue
        case .alreadyLogged: return "logged"
        default: return nil
        }
    }
}
