import Events
import Hummingbird
import Projections

/// `GET /v1/incidents`: the incident list with filters, search, orders and a cursor. Today's answer
/// comes from the open-incidents read model; an answer at a cut (`asOf` an instant, `atPosition`)
/// reads the incidents' states at its position (`incident_versions`) and applies the same filter
/// and order to them, so both agree.
struct IncidentListController {
    let store: any EventStore
    let models: ReadModels
    let clock: LedgerClock
    /// The live table; nil (e.g. a router without a database client): every answer folds the events.
    let reader: OpenIncidentsReader?

    func register(in group: RouterGroup<LedgerRequestContext>, routes: RouteTable) {
        group.get("incidents", use: list)
        routes.add("GET", "/v1/incidents")
    }

    /// `GET /v1/incidents?status=&unit=&under=&source=&severity=&topic=&overdue=&hotspot=&q=&sort=&after=&limit=&asOf=&atPosition=`
    @Sendable func list(_ request: Request, context: LedgerRequestContext) async throws -> IncidentRowPage {
        let actor = try context.requireActor()
        let parameters = QueryParameters(request)
        let query = try IncidentListQuery(parameters)
        let asked = try await parameters.readCut(store: store, now: clock.now())
        let now = clock.now()
        let cut = asked.pinned(at: now)
        let at = cut.instant ?? now
        let date = clock.date(of: at)
        // The unit tree matters only for a supervisor's subtree and for `under`: not folded otherwise.
        let needsTree = actor.role == .supervisor || query.under != nil
        let directory = needsTree ? try await UnitDirectoryLoader(store: store, models: models).load(cut: asked) : UnitDirectory()
        try directory.requireKnown(query.under, "under")
        let scope = try IncidentReadScope.of(actor, directory: directory, on: date)
        try scope.require(query.unit, "unit")
        try scope.require(query.under, "under")
        let filter = query.filter(at: at, subtree: scope.subtree(query.under, directory: directory, on: date), visible: scope.visible)
        let page: IncidentPage
        let answeredFrom: String
        if !asked.isPast, let reader {
            do {
                page = try await reader.page(filter: filter, order: query.order, after: query.after, limit: query.limit)
            } catch {
                context.logger.error("the open-incidents table could not be read", metadata: ["error": "\(String(reflecting: error))"])
                throw APIError(.unavailable, "the incident list cannot be read now; retry later")
            }
            answeredFrom = "readModel"
        } else {
            let register = try await Self.register(store: store, models: models, cut: cut, selecting: filter.selection)
            page = IncidentPage.of(register.rows, filter: filter, order: query.order, after: query.after, limit: query.limit)
            answeredFrom = "log"
        }
        return IncidentRowPage(
            incidents: page.rows.map { IncidentRowResource($0, at: at) }, asOf: at.rfc3339, atPosition: cut.upToPosition,
            answeredFrom: answeredFrom,
            nextAfter: page.next?.description, next: page.next.map { query.next(after: $0, cut: asked) })
    }
}
