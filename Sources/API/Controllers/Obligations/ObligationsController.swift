import Events
import Foundation
import Hummingbird
import Projections

/// Reporting obligations: define, revise from a period on, retire (admins); read with the terms,
/// deadline and data window of any period, as recorded at any past instant (everyone).
struct ObligationsController {
    let store: any EventStore
    let models: ReadModels
    let clock: LedgerClock

    func register(in group: RouterGroup<LedgerRequestContext>, routes: RouteTable) {
        group.post("obligations", use: define)
        group.get("obligations", use: list)
        group.get("obligations/:obligationId", use: show)
        group.post("obligations/:obligationId/revisions", use: revise)
        group.post("obligations/:obligationId/retire", use: retire)
        for (method, path) in [
            ("POST", "/v1/obligations"), ("GET", "/v1/obligations"), ("GET", "/v1/obligations/{obligationId}"),
            ("POST", "/v1/obligations/{obligationId}/revisions"), ("POST", "/v1/obligations/{obligationId}/retire"),
        ] { routes.add(method, path) }
    }

    // MARK: Reads

    /// `GET /v1/obligations?recipient=&active=&asOf=&atPosition=&after=&limit=`; `active` means it still applies
    /// to a period ending today or later (not retired, or retired after such a period).
    @Sendable func list(_ request: Request, context: LedgerRequestContext) async throws -> Response {
        _ = try context.requireActor()
        let query = QueryParameters(request)
        let recipient = try query.string("recipient", rule: UnitID.pattern, isValid: UnitID.isValid)
        let active = try query.boolean("active")
        let cut = try await query.readCut(store: store, now: clock.now())
        let after = try query.string("after", rule: ObligationID.pattern, isValid: ObligationID.isValid)
        let limit = Int(try query.integer("limit", in: 1...1000, default: 100))
        let today = clock.date(of: cut.instant ?? clock.now())
        var obligations = try await ObligationLoader(store: store, models: models).load(cut: cut).obligations.filter { state in
            let isActive = state.lastPeriod.map { $0.lastDay >= today } ?? true
            return (recipient == nil || state.current?.terms.recipientUnitId == recipient) && (active == nil || isActive == active)
        }
        if let after { obligations.removeAll { ($0.obligationId ?? "") <= after } }
        let page = Array(obligations.prefix(limit))
        let list = ObligationList(
            obligations: page.map { ObligationResource($0) },
            nextAfter: obligations.count > limit ? page.last?.obligationId : nil)
        return try JSONResponse.make(list, status: .ok)
    }

    /// `GET /v1/obligations/{obligationId}?period=&asOf=&atPosition=`
    @Sendable func show(_ request: Request, context: LedgerRequestContext) async throws -> Response {
        _ = try context.requireActor()
        let obligationId = try pathObligationID(context)
        let query = QueryParameters(request)
        let period = try query.period("period")
        let cut = try await query.readCut(store: store, now: clock.now())
        let catalog = try await ObligationLoader(store: store, models: models).load(cut: cut)
        guard let state = catalog.obligation(obligationId), state.current != nil else {
            throw APIError(.notFound, "no obligation \(obligationId)\(cut.suffix)")
        }
        var forPeriod: ObligationPeriodResource?
        if let period {
            forPeriod = ObligationPeriodResource(state, period: period)
            guard forPeriod != nil else {
                throw APIError(.notFound, "obligation \(obligationId) does not apply to \(period)")
            }
        }
        var response = try JSONResponse.make(ObligationResource(state, forPeriod: forPeriod), status: .ok)
        response.headers[.eTag] = "\"\(state.version)\""
        return response
    }

    func pathObligationID(_ context: LedgerRequestContext) throws -> String {
        guard let id = context.parameters.get("obligationId"), ObligationID.isValid(id) else {
            throw APIError.invalidParameter("obligationId", "'obligationId' must match \(ObligationID.pattern)")
        }
        return id
    }
}
