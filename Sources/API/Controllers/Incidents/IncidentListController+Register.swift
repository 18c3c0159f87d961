import Events
import Projections

extension IncidentListController {
    /// Every incident and clock-rule event inside `cut`, folded with the write side's reducers: the
    /// answer as it stood then. (The live table is today's answer only.)
    static func register(store: any EventStore, cut: ReadCut) async throws -> IncidentRegister {
        var register = IncidentRegister()
        let filter = EventFilter(types: IncidentRegister.eventTypes, cut: cut)
        try await store.forEachPage(matching: filter) { try register.apply($0) }
        return register
    }
}
