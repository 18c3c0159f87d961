import Events
import Foundation
import Hummingbird
import Projections

/// Reporting obligations: define, revise from a period on, retire (admins); read with the terms,
/// deadline and data window of any period, as recorded at any past instant (everyone).
struct ObligationsController {
    let store: any EventStore
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

    /// `GET /v1/obligations?recipient=&active=&asOf=&after=&limit=`; `active` means it still applies
    /// to a period ending today or later (not retired, or retired after such a period).
    @Sendable func list(_ request: Request, context: LedgerRequestContext) async throws -> Response {
        _ = try context.requireActor()
        let query = QueryParameters(request)
        let recipient = try query.string("recipient", rule: UnitID.pattern, isValid: UnitID.isValid)
        let active = try query.boolean("active")
        let asOf = try query.instant("asOf")
        let after = try query.string("after", rule: ObligationID.pattern, isValid: ObligationID.isValid)
        let limit = Int(try query.integer("limit", in: 1...1000, default: 100))
        let today = clock.today()
        var obligations = try await ObligationLoader(store: store).load(asOf: asOf).obligations.filter { state in
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

    /// `GET /v1/obligations/{obligationId}?period=&asOf=`
    @Sendable func show(_ request: Request, context: LedgerRequestContext) async throws -> Response {
        _ = try context.requireActor()
        let obligationId = try pathObligationID(context)
        let query = QueryParameters(request)
        let period = try query.period("period")
        let asOf = try query.instant("asOf")
        let catalog = try await ObligationLoader(store: store).load(stream: ObligationID.stream(obligationId), asOf: asOf)
        guard let state = catalog.obligation(obligationId), state.current != nil else {
            throw APIError(.notFound, "no obligation \(obligationId)\(asOf.map { " as recorded at \($0)" } ?? "")")
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

    // MARK: Writes

    /// `POST /v1/obligations`; `effectiveFrom` defaults to the schedule's period holding today.
    @Sendable func define(_ request: Request, context: LedgerRequestContext) async throws -> Response {
        let command = try await CommandRequest<DefineObligationBody>.read(request, context: context, requireIfMatch: false)
        if let id = command.body.id, !ObligationID.isValid(id) {
            throw APIError(.invalidBody, "id must match \(ObligationID.pattern)", field: "id")
        }
        let body = command.body.terms
        let terms = try body.terms()
        let today = LocalDate(clock.now(), in: terms.zone) ?? clock.today()
        let effectiveFrom = try body.firstPeriod { $0.period(containing: today) }
        try ObligationDecider.checkTerms(terms, effectiveFrom: effectiveFrom)
        let obligationId = command.body.id ?? ResourceID.make(for: command.idempotency, kind: "obligation")
        return try await ObligationCommandHandler(store: store, clock: clock).handle(
            command, obligationId: obligationId, status: .created
        ) { state, facts in
            try ObligationDecider.decide(
                .define(obligationId: obligationId, effectiveFrom: effectiveFrom, terms: terms), state: state, facts: facts)
        }
    }

    /// `POST /v1/obligations/{obligationId}/revisions` with `If-Match`; `effectiveFrom` defaults to
    /// the new schedule's first period whose deadline is still ahead.
    @Sendable func revise(_ request: Request, context: LedgerRequestContext) async throws -> Response {
        let obligationId = try pathObligationID(context)
        let command = try await CommandRequest<ObligationTermsBody>.read(request, context: context, requireIfMatch: true)
        let terms = try command.body.terms()
        let now = clock.now()
        let effectiveFrom = try command.body.firstPeriod { schedule in
            (try? schedule.periodDue(after: now, timeZone: terms.zone)).flatMap { $0 }
                ?? schedule.period(containing: LocalDate(now, in: terms.zone) ?? clock.today())
        }
        try ObligationDecider.checkTerms(terms, effectiveFrom: effectiveFrom)
        return try await ObligationCommandHandler(store: store, clock: clock).handle(
            command, obligationId: obligationId, status: .ok
        ) { state, facts in
            try ObligationDecider.decide(.revise(effectiveFrom: effectiveFrom, terms: terms), state: state, facts: facts)
        }
    }

    /// `POST /v1/obligations/{obligationId}/retire` with `If-Match`.
    @Sendable func retire(_ request: Request, context: LedgerRequestContext) async throws -> Response {
        let obligationId = try pathObligationID(context)
        let command = try await CommandRequest<RetireObligationBody>.read(request, context: context, requireIfMatch: true)
        let body = command.body
        if let reason = body.reason, reason.unicodeScalars.count > 2000 || reason.unicodeScalars.contains("\u{0}") {
            throw APIError(.invalidBody, "reason must be at most 2000 characters, without U+0000", field: "reason")
        }
        return try await ObligationCommandHandler(store: store, clock: clock).handle(
            command, obligationId: obligationId, status: .ok
        ) { state, facts in
            try ObligationDecider.decide(.retire(lastPeriod: body.lastPeriod, reason: body.reason), state: state, facts: facts)
        }
    }

    private func pathObligationID(_ context: LedgerRequestContext) throws -> String {
        guard let id = context.parameters.get("obligationId"), ObligationID.isValid(id) else {
            throw APIError.invalidParameter("obligationId", "'obligationId' must match \(ObligationID.pattern)")
        }
        return id
    }
}
