import Events
import Projections

extension IncidentListController {
    /// Every incident and clock-rule event recorded up to `asOf`, folded with the write side's
    /// reducers: the answer as it stood then. (The live table is today's answer only.)
    static func register(store: any EventStore, asOf: Timestamp) async throws -> IncidentRegister {
        var register = IncidentRegister()
        let filter = EventFilter(types: IncidentRegister.eventTypes, recordedUpTo: asOf)
        var after: Int64 = 0
        while true {
            let page = try await store.readAll(after: after, limit: 1000, filter: filter)
            try register.apply(page.events)
            guard page.nextAfter < page.head, page.nextAfter > after else { return register }
            after = page.nextAfter
        }
    }
}
