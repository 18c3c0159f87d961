import Events
import Foundation
import Hummingbird
import Projections

/// Units: register, rename and move, merge, deactivate (admins), and the tree as of any date
/// and any past instant (everyone).
struct UnitsController {
    let store: any EventStore
    let models: ReadModels
    let clock: LedgerClock

    func register(in group: RouterGroup<LedgerRequestContext>, routes: RouteTable) {
        group.post("units", use: create)
        group.get("units", use: list)
        group.get("units/:unitId", use: show)
        group.patch("units/:unitId", use: change)
        group.post("units/:unitId/merge", use: merge)
        group.post("units/:unitId/deactivate", use: deactivate)
        for (method, path) in [
            ("POST", "/v1/units"), ("GET", "/v1/units"), ("GET", "/v1/units/{unitId}"), ("PATCH", "/v1/units/{unitId}"),
            ("POST", "/v1/units/{unitId}/merge"), ("POST", "/v1/units/{unitId}/deactivate"),
        ] { routes.add(method, path) }
    }

    // MARK: Reads

    /// `GET /v1/units?parent=&under=&kind=&active=&at=&asOf=&atPosition=&after=&limit=`
    @Sendable func list(_ request: Request, context: LedgerRequestContext) async throws -> Response {
        _ = try context.requireActor()
        let query = QueryParameters(request)
        let cut = try await query.readCut(store: store, now: clock.now())
        // "The tree as it stood then": without `at`, the effective date is the day of the cut's instant.
        let at = try query.localDate("at") ?? clock.date(of: cut.instant ?? clock.now())
        let parent = try query.string("parent", rule: UnitID.pattern, isValid: UnitID.isValid)
        let under = try query.string("under", rule: UnitID.pattern, isValid: UnitID.isValid)
        let kind = try query.string("kind", rule: "one of \(UnitKind.allCases.map(\.rawValue).joined(separator: ", "))") {
            UnitKind(rawValue: $0) != nil
        }.flatMap(UnitKind.init(rawValue:))
        let active = try query.boolean("active")
        let after = try query.string("after", rule: UnitID.pattern, isValid: UnitID.isValid)
        let limit = Int(try query.integer("limit", in: 1...1000, default: 100))

        let directory = try await UnitDirectoryLoader(store: store, models: models).load(cut: cut)
        try directory.requireKnown(under, "under")
        let subtree = under.map { directory.subtree(of: $0, on: at) }
        var units = directory.units(on: at).filter { unit in
            (parent == nil || unit.parentId == parent) && (subtree?.contains(unit.id) ?? true)
                && (kind == nil || unit.kind == kind) && (active == nil || (unit.status == .active) == active)
        }
        units.sort { $0.id < $1.id }
        if let after { units.removeAll { $0.id <= after } }
        let page = Array(units.prefix(limit))
        let list = UnitList(
            units: page.map { UnitResource($0) }, nextAfter: units.count > limit ? page.last?.id : nil, at: at)
        return try JSONResponse.make(list, status: .ok)
    }

    /// `GET /v1/units/{unitId}?at=&asOf=&atPosition=`
    @Sendable func show(_ request: Request, context: LedgerRequestContext) async throws -> Response {
        _ = try context.requireActor()
        let unitId = try pathUnitID(context)
        let query = QueryParameters(request)
        let cut = try await query.readCut(store: store, now: clock.now())
        // "The tree as it stood then": without `at`, the effective date is the day of the cut's instant.
        let at = try query.localDate("at") ?? clock.date(of: cut.instant ?? clock.now())
        let directory = try await UnitDirectoryLoader(store: store, models: models).load(cut: cut)
        guard let view = directory.unit(unitId, on: at) else {
            throw APIError(.notFound, "unit \(unitId) did not exist on \(at)\(cut.suffix)")
        }
        var response = try JSONResponse.make(UnitResource(view), status: .ok)
        response.headers[.eTag] = "\"\(view.version)\""
        return response
    }

    // MARK: Writes

    /// `POST /v1/units`
    @Sendable func create(_ request: Request, context: LedgerRequestContext) async throws -> Response {
        let command = try await CommandRequest<RegisterUnitBody>.read(request, context: context, requireIfMatch: false)
        let body = command.body
        if let id = body.id, !UnitID.isValid(id) {
            throw APIError(.invalidBody, "id must match \(UnitID.pattern)", field: "id")
        }
        if let parentId = body.parentId, !UnitID.isValid(parentId) {
            throw APIError(.invalidBody, "parentId must match \(UnitID.pattern)", field: "parentId")
        }
        _ = try UnitDecider.validName(body.name)
        let unitId = body.id ?? ResourceID.make(for: command.idempotency, kind: "unit")
        let effectiveFrom = body.effectiveFrom ?? clock.today()
        return try await UnitCommandHandler(store: store, models: models, clock: clock).handle(command, unitId: unitId, status: .created) {
            state, directory, conditions in
            let neighbourhood = directory.neighbourhood(parent: body.parentId, on: effectiveFrom)
            // The parent and its lineage must still be as read (not merged, not moved under the new unit).
            conditions += directory.unchanged(neighbourhood.parentLineage)
            return try UnitDecider.decide(
                .register(unitId: unitId, name: body.name, kind: body.kind, parentId: body.parentId, effectiveFrom: effectiveFrom),
                state: state, neighbourhood: neighbourhood)
        }
    }

    /// `PATCH /v1/units/{unitId}` with `If-Match`: rename and/or move.
    @Sendable func change(_ request: Request, context: LedgerRequestContext) async throws -> Response {
        let unitId = try pathUnitID(context)
        let command = try await CommandRequest<ChangeUnitBody>.read(request, context: context, requireIfMatch: true)
        let body = command.body
        guard body.name != nil || body.parentId != nil else {
            throw APIError(.invalidBody, "send name, parentId or both", field: "name")
        }
        if let name = body.name { _ = try UnitDecider.validName(name) }
        if case .some(.some(let parentId)) = body.parentId, !UnitID.isValid(parentId) {
            throw APIError(.invalidBody, "parentId must match \(UnitID.pattern)", field: "parentId")
        }
        let effectiveFrom = body.effectiveFrom ?? clock.today()
        return try await UnitCommandHandler(store: store, models: models, clock: clock).handle(command, unitId: unitId, status: .ok) {
            state, directory, conditions in
            var events: [UnitEvent] = []
            var current = state
            if let name = body.name {
                events += try UnitDecider.decide(.rename(name: name, effectiveFrom: effectiveFrom), state: current)
                current = events.reduce(current, UnitState.evolve)
            }
            if case .some(let parentId) = body.parentId {
                let neighbourhood = directory.neighbourhood(parent: parentId, on: effectiveFrom)
                conditions += directory.unchanged(neighbourhood.parentLineage)
                let moved = try UnitDecider.decide(
                    .move(parentId: parentId, effectiveFrom: effectiveFrom), state: current, neighbourhood: neighbourhood)
                events += moved
            }
            return events
        }
    }

    /// `POST /v1/units/{unitId}/merge` with `If-Match`.
    @Sendable func merge(_ request: Request, context: LedgerRequestContext) async throws -> Response {
        let unitId = try pathUnitID(context)
        let command = try await CommandRequest<MergeUnitBody>.read(request, context: context, requireIfMatch: true)
        let body = command.body
        guard UnitID.isValid(body.intoUnitId) else {
            throw APIError(.invalidBody, "intoUnitId must match \(UnitID.pattern)", field: "intoUnitId")
        }
        let effectiveFrom = body.effectiveFrom ?? clock.today()
        return try await UnitCommandHandler(store: store, models: models, clock: clock).handle(command, unitId: unitId, status: .ok) {
            state, directory, conditions in
            // Refused while the unit has children or filed reports the merge would pass on (docs/reporting.md).
            let (neighbourhood, read) = try await UnitMergeFacts(store: store, models: models).neighbourhood(
                merging: unitId, into: body.intoUnitId, from: effectiveFrom, directory: directory, today: clock.today())
            // No filing or excusal may land on the duty streams it read, and no unit event at all (a child
            // registered under it, the target merged) may come, while it decides: merges are rare.
            conditions += read + [AppendCondition(types: UnitEvent.eventTypes, after: directory.position)]
            return try UnitDecider.decide(
                .merge(intoUnitId: body.intoUnitId, effectiveFrom: effectiveFrom), state: state, neighbourhood: neighbourhood)
        }
    }

    /// `POST /v1/units/{unitId}/deactivate` with `If-Match`.
    @Sendable func deactivate(_ request: Request, context: LedgerRequestContext) async throws -> Response {
        let unitId = try pathUnitID(context)
        let command = try await CommandRequest<DeactivateUnitBody>.read(request, context: context, requireIfMatch: true)
        let body = command.body
        if let reason = body.reason, reason.unicodeScalars.count > 2000 || reason.unicodeScalars.contains("\u{0}") {
            throw APIError(.invalidBody, "reason must be at most 2000 characters, without U+0000", field: "reason")
        }
        let effectiveFrom = body.effectiveFrom ?? clock.today()
        return try await UnitCommandHandler(store: store, models: models, clock: clock).handle(command, unitId: unitId, status: .ok) {
            state, _, _ in
            try UnitDecider.decide(.deactivate(effectiveFrom: effectiveFrom, reason: body.reason), state: state)
        }
    }

    private func pathUnitID(_ context: LedgerRequestContext) throws -> String {
        guard let id = context.parameters.get("unitId"), UnitID.isValid(id) else {
            throw APIError.invalidParameter("unitId", "'unitId' must match \(UnitID.pattern)")
        }
        return id
    }
}
