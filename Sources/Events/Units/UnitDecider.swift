/// Decides which events a unit command produces, or why it is refused. Pure: the unit's state and the
/// facts about its neighbours come in as values.
public enum UnitDecider {
    /// The longest unit name accepted.
    public static let maximumNameLength = 300

    /// The events for `command` given the unit's `state` and its `neighbourhood`.
    public static func decide(
        _ command: UnitCommand, state: UnitState, neighbourhood: UnitNeighbourhood = UnitNeighbourhood()
    ) throws(UnitRuleViolation) -> [UnitEvent] {
        if case .register(let unitId, let name, let kind, let parentId, let effectiveFrom) = command {
            guard state.status == .unregistered else { throw .alreadyRegistered(unitId: unitId) }
            let name = try validName(name)
            if let parentId { try checkParent(parentId, unitId: unitId, neighbourhood) }
            return [.registered(UnitRegistered(unitId: unitId, name: name, kind: kind, parentId: parentId, effectiveFrom: effectiveFrom))]
        }
        guard let unitId = state.unitId else { throw .notRegistered }
        switch state.status {
        case .active: break
        case .merged: throw .notActive(status: "merged")
        case .deactivated: throw .notActive(status: "deactivated")
        case .unregistered: throw .notRegistered
        }
        switch command {
        case .register:
            throw .alreadyRegistered(unitId: unitId)
        case .rename(let name, let effectiveFrom):
            let name = try validName(name)
            guard name != state.name else { throw .nothingChanges }
            try checkDate(effectiveFrom, state)
            return [.renamed(UnitRenamed(unitId: unitId, name: name, effectiveFrom: effectiveFrom))]
        case .move(let parentId, let effectiveFrom):
            guard parentId != state.parentId else { throw .nothingChanges }
            if let parentId { try checkParent(parentId, unitId: unitId, neighbourhood) }
            try checkDate(effectiveFrom, state)
            return [.moved(UnitMoved(unitId: unitId, parentId: parentId, effectiveFrom: effectiveFrom))]
        case .merge(let target, let effectiveFrom):
            guard target != unitId else { throw .mergeIntoItself }
            guard let targetState = neighbourhood.mergeTarget, targetState.status != .unregistered else {
                throw .mergeTargetNotFound(target)
            }
            guard targetState.isActive else { throw .mergeTargetInactive(target) }
            try checkDate(effectiveFrom, state)
            guard neighbourhood.children.isEmpty else { throw .mergeWithChildren(neighbourhood.children.sorted()) }
            let uncounted = neighbourhood.countedDuties.filter { $0.dueDate >= effectiveFrom }.map(\.reportId).sorted()
            guard uncounted.isEmpty else { throw .mergeWouldUncountReports(uncounted, effectiveFrom: effectiveFrom) }
            return [.merged(UnitMerged(unitId: unitId, intoUnitId: target, effectiveFrom: effectiveFrom))]
        case .deactivate(let effectiveFrom, let reason):
            try checkDate(effectiveFrom, state)
            return [.deactivated(UnitDeactivated(unitId: unitId, effectiveFrom: effectiveFrom, reason: reason))]
        }
    }

    /// Checks and normalises a unit name (trimmed, inner white space collapsed); callers use it to refuse
    /// a bad name before loading any state.
    public static func validName(_ name: String) throws(UnitRuleViolation) -> String {
        guard name.unicodeScalars.count <= maximumNameLength else {
            throw .invalidName("must be at most \(maximumNameLength) characters")
        }
        guard !name.unicodeScalars.contains("\u{0}") else { throw .invalidName("must not contain U+0000") }
        let trimmed = name.collapsingBlanks()
        guard !trimmed.isEmpty else { throw .invalidName("must not be blank") }
        return trimmed
    }

    private static func checkParent(_ parentId: String, unitId: String, _ neighbourhood: UnitNeighbourhood) throws(UnitRuleViolation) {
        guard let parent = neighbourhood.parent, parent.status != .unregistered else { throw .parentNotFound(parentId) }
        guard parent.isActive else { throw .parentInactive(parentId) }
        guard parentId != unitId, !neighbourhood.parentLineage.contains(unitId) else { throw .wouldCreateCycle(parentId: parentId) }
    }

    private static func checkDate(_ date: LocalDate, _ state: UnitState) throws(UnitRuleViolation) {
        if let earliest = state.lastEffectiveFrom, date < earliest {
            throw .effectiveDateTooEarly(date, earliest: earliest)
        }
    }
}
