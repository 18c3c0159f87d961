import Events
import Projections

extension IncidentListController {
    /// The state at the cut's position of each incident `selection` takes (the inline
    /// `incident_versions` model) and the clock rules inside the cut (one stream): the answer as it
    /// stood then, without replaying the log.
    static func register(
        store: any EventStore, models: ReadModels, cut: ReadCut, selecting selection: IncidentSelection = .all
    ) async throws -> IncidentRegister {
        var register = IncidentRegister()
        register.entries = try await models.incidents.entries(at: try await models.position(of: cut), selecting: selection)
        register.rules = try await ClockRuleBookLoader(store: store).load(cut: cut)
        return register
    }
}
