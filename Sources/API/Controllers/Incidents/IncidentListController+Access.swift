import Events
import Projections

/// Which incidents a token may read in lists and figures: admins, auditors and monitors every
/// incident; supervisors those that concern their unit's subtree; unit officers those that concern
/// their own unit. Asking about a unit outside that is a 403.
struct IncidentReadScope {
    /// The units whose incidents the token sees; nil = every incident.
    var visible: Set<String>?

    /// The scope of `actor` on `date`.
    static func of(_ actor: ActorRef, directory: UnitDirectory, on date: LocalDate) throws(APIError) -> IncidentReadScope {
        switch actor.role {
        case .admin, .auditor, .monitor:
            return IncidentReadScope(visible: nil)
        case .supervisor:
            guard let own = actor.unitId else { throw APIError(.forbidden, "this supervisor token is bound to no unit") }
            return IncidentReadScope(visible: directory.subtree(of: own, on: date).union([own]))
        case .unitOfficer:
            guard let own = actor.unitId else { throw APIError(.forbidden, "this unit-officer token is bound to no unit") }
            return IncidentReadScope(visible: [own])
        }
    }

    /// Refuses a unit the token may not ask about (`unit=` or `under=`).
    func require(_ unitId: String?, _ parameter: String) throws(APIError) {
        guard let unitId, let visible, !visible.contains(unitId) else { return }
        var error = APIError(.forbidden, "unit \(unitId) is outside what this token may see")
        error.field = parameter
        throw error
    }

    /// The units of `under`'s subtree on `date`, within what the token sees (nil when `under` is nil).
    func subtree(_ under: String?, directory: UnitDirectory, on date: LocalDate) -> Set<String>? {
        guard let under else { return nil }
        let subtree = directory.subtree(of: under, on: date)
        return visible.map { subtree.intersection($0) } ?? subtree
    }
}
