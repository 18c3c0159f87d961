import Events
import Hummingbird
import Projections

/// `GET /v1/incidents`: the incident list with filters, search, orders and a cursor, now or at a cut
/// (`asOf` an instant, `atPosition`): one page of the incident versions valid at the cut's position
/// (`incident_versions`, kept inline), filtered, sorted and cut short by PostgreSQL.
struct IncidentListController {
    let store: any EventStore
    let models: ReadModels
    let clock: LedgerClock

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
        // Now and at a cut alike: the versions valid at the cut's position, under the rules of the cut.
        let position = try await models.position(of: cut)
        let rules = try await ClockRuleBookLoader(store: store).load(cut: ReadCut(upToPosition: position))
        let page = try await models.incidents.page(
            at: position, rules: rules, filter: filter, order: query.order, after: query.after, limit: query.limit)
        return IncidentRowPage(
            incidents: page.rows.map { IncidentRowResource($0, at: at) }, asOf: at.rfc3339, atPosition: cut.upToPosition,
            answeredFrom: "readModel",
            nextAfter: page.next?.description, next: page.next.map { query.next(after: $0, cut: asked) })
    }
}
