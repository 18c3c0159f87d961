import Events
import Projections

/// Who may do what with incidents (issue 4, "who may do what"): pure rules over the actor, the
/// incident and the unit tree. Admins may do everything; auditors only read.
enum IncidentAccess {
    /// Monitors (and admins) log incidents and sightings.
    static func mayLog(_ actor: ActorRef) -> Bool {
        actor.role == .admin || actor.role == .monitor
    }

    /// A unit officer verifies, responds and records corrections only for incidents assigned to its unit.
    static func mayWork(_ actor: ActorRef, _ state: IncidentState) -> Bool {
        actor.role == .admin || (actor.role == .unitOfficer && actor.unitId != nil && actor.unitId == state.assignedUnitId)
    }

    /// A supervisor acts on incidents within its subtree: the unit responsible, or one of the units the
    /// incident concerns, is its unit or under it; every existing unit in `targets` (an assignee) must be too.
    static func maySupervise(
        _ actor: ActorRef, _ state: IncidentState, targets: [String] = [], directory: UnitDirectory, on date: LocalDate
    ) -> Bool {
        if actor.role == .admin { return true }
        guard actor.role == .supervisor, let unitId = actor.unitId else { return false }
        let subtree = directory.subtree(of: unitId, on: date)
        let concerned = (state.assignedUnitId.map { [$0] } ?? []) + state.unitIds
        guard concerned.contains(where: subtree.contains) else { return false }
        return targets.allSatisfy { subtree.contains($0) || directory.unit($0, on: date) == nil }
    }
}
