/// What a client can ask of a unit.
public enum UnitCommand: Sendable, Hashable {
    case register(unitId: String, name: String, kind: UnitKind, parentId: String?, effectiveFrom: LocalDate)
    case rename(name: String, effectiveFrom: LocalDate)
    case move(parentId: String?, effectiveFrom: LocalDate)
    case merge(intoUnitId: String, effectiveFrom: LocalDate)
    case deactivate(effectiveFrom: LocalDate, reason: String?)
}

/// Facts about other units that a command depends on, looked up by the caller before deciding.
public struct UnitNeighbourhood: Sendable, Hashable {
    /// The state of the parent named by a register or move command, if any.
    public var parent: UnitState?
    /// The ids of the new parent and all its ancestors (a unit cannot move under its own subtree).
    public var parentLineage: [String]
    /// The state of the unit a merge names as its target.
    public var mergeTarget: UnitState?

    /// Creates the facts.
    public init(parent: UnitState? = nil, parentLineage: [String] = [], mergeTarget: UnitState? = nil) {
        self.parent = parent
        self.parentLineage = parentLineage
        self.mergeTarget = mergeTarget
    }
}

/// Why a unit command was refused; `field` names the request field at fault where there is one.
public enum UnitRuleViolation: Error, Sendable, Hashable {
    case alreadyRegistered(unitId: String)
    case notRegistered
    case notActive(status: String)
    case invalidName(String)
    case parentNotFound(String)
    case parentInactive(String)
    case wouldCreateCycle(parentId: String)
    case mergeIntoItself
    case mergeTargetNotFound(String)
    case mergeTargetInactive(String)
    case effectiveDateTooEarly(LocalDate, earliest: LocalDate)
    case nothingChanges

    /// A sentence for the problem document's `detail`.
    public var message: String {
        switch self {
        case .alreadyRegistered(let id): return "unit \(id) is already registered"
        case .notRegistered: return "no such unit"
        case .notActive(let status): return "the unit is \(status); it can no longer change"
        case .invalidName(let reason): return "name \(reason)"
        case .parentNotFound(let id): return "parent unit \(id) does not exist"
        case .parentInactive(let id): return "parent unit \(id) is merged or deactivated"
        case .wouldCreateCycle(let id): return "unit \(id) is this unit or one of its descendants"
        case .mergeIntoItself: return "a unit cannot merge into itself"
        case .mergeTargetNotFound(let id): return "unit \(id) does not exist"
        case .mergeTargetInactive(let id): return "unit \(id) is merged or deactivated"
        case .effectiveDateTooEarly(let date, let earliest):
            return "effectiveFrom \(date) is before the unit's last change (\(earliest))"
        case .nothingChanges: return "the request changes nothing"
        }
    }

    /// The request field at fault, when there is one.
    public var field: String? {
        switch self {
        case .invalidName: return "name"
        case .parentNotFound, .parentInactive, .wouldCreateCycle: return "parentId"
        case .mergeIntoItself, .mergeTargetNotFound, .mergeTargetInactive: return "intoUnitId"
        case .effectiveDateTooEarly: return "effectiveFrom"
        default: return nil
        }
    }
}
