import Events
import Hummingbird
import Projections

/// `GET /v1/incidents/summary?under=&from=&to=&asOf=&atPosition=`: the supervisors' figures, always
/// computed from the incidents' states at the cut asked about (default: now; the inline
/// `incident_versions` model, never a replay of the log), so past answers never change.
/// Supervisors see their subtree, unit officers their own unit, admins and auditors everything.
struct IncidentSummaryController {
    let store: any EventStore
    let models: ReadModels
    let clock: LedgerClock

    func register(in group: RouterGroup<LedgerRequestContext>, routes: RouteTable) {
        group.get("incidents/summary", use: summary)
        routes.add("GET", "/v1/incidents/summary")
    }

    @Sendable func summary(_ request: Request, context: LedgerRequestContext) async throws -> IncidentSummaryResource {
        let actor = try context.requireActor()
        guard actor.role != .monitor else {
            throw APIError(.forbidden, "the figures are for supervisors, unit officers, admins and auditors")
        }
        let parameters = QueryParameters(request)
        let asked = try await parameters.readCut(store: store, now: clock.now())
        let now = clock.now()
        let cut = asked.pinned(at: now)
        let at = cut.instant ?? now
        let query = try IncidentSummaryQuery(parameters, at: at, clock: clock)
        let date = clock.date(of: at)
        let directory = try await UnitDirectoryLoader(store: store, models: models).load(cut: asked)
        try directory.requireKnown(query.under, "under")
        let scope = try IncidentReadScope.of(actor, directory: directory, on: date)
        try scope.require(query.under, "under")
        // Supervisors and unit officers default to their own unit.
        let under = query.under ?? (actor.role == .admin || actor.role == .auditor ? nil : actor.unitId)
        let units = scope.subtree(under, directory: directory, on: date) ?? scope.visible
        let window = query.window(in: clock)
        // Only incidents of the scope that are open or had anything happen in the window or later
        // count (a closed incident's clocks, verification and resolution were all decided by its last event).
        let register = try await IncidentListController.register(
            store: store, models: models, cut: cut, selecting: .init(concerning: units, openOrActiveSince: window.from))
        let figures = IncidentFigures.compute(
            register.entries.values.map(\.state), rules: register.rules, scope: units, from: window.from, to: window.to, at: at)
        return IncidentSummaryResource(
            under: under, from: query.from.description, to: query.to.description, asOf: at.rfc3339,
            atPosition: cut.upToPosition, open: .init(figures.open),
            openByAge: IncidentFigures.AgeBand.allCases.map {
                .init(band: $0.rawValue, counts: .init(figures.openByAge[$0] ?? IncidentFigures.SeverityCounts()))
            },
            units: figures.units.map { .init($0, name: directory.unit($0.unitId, on: date)?.name) },
            total: .init(figures.total, name: nil))
    }
}
