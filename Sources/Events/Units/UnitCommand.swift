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
    /// For a merge: the active units under the merging unit on the merge date or later (its children).
    public var children: [String]
    /// For a merge: the merging unit's filed reports and excusals, each with its period's due date.
    public var countedDuties: [CountedDuty]

    /// Creates the facts.
    public init(
        parent: UnitState? = nil, parentLineage: [String] = [], mergeTarget: UnitState? = nil, children: [String] = [],
        countedDuties: [CountedDuty] = []
    ) {
        self.parent = parent
        self.parentLineage = parentLineage
        self.mergeTarget = mergeTarget
        self.children = children
        self.countedDuties = countedDuties
    }
}

/// A report filed (or an excusal granted) on one of a unit's duties, and the date that duty falls due.
/// A merge effective on or before that date would pass the duty to the surviving unit and leave the
/// filing counting nowhere.
public struct CountedDuty: Sendable, Hashable {
    /// The report's id (`<obligation>.<unit>.<period>`).
    public var reportId: String
    /// The due date of the duty's period, on which the tree decides who reports.
    public var dueDate: LocalDate

    /// Creates one.
    public init(reportId: String, dueDate: LocalDate) {
        self.reportId = reportId
        self.dueDate = dueDate
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
    /// The merge would leave these filed reports or excusals counting nowhere (their periods fall due on
    /// or after `effectiveFrom`).
    case mergeWouldUncountReports([String], effectiveFrom: LocalDate)
    /// The merging unit still has these children; they must be moved first.
    case mergeWithChildren([String])
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
        case .mergeWouldUncountReports(let ids, let date):
            return "merging from \(date) would leave reports filed by this unit counting nowhere: \(ids.joined(separator: ", ")); "
                + "date the merge after their periods fall due"
        case .mergeWithChildren(let ids):
            return "the unit still has units under it: \(ids.joined(separator: ", ")); move them (e.g. under the surviving unit) first"
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
        case .effectiveDateTooEarly, .mergeWouldUncountReports: return "effectiveFrom"
        default: return nil
        }
    }
}
