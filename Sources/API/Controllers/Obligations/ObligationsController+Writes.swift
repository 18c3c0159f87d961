import Events
import Foundation
import Hummingbird
import Projections

extension ObligationsController {
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
        return try await ObligationCommandHandler(store: store, models: models, clock: clock).handle(
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
        return try await ObligationCommandHandler(store: store, models: models, clock: clock).handle(
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
        return try await ObligationCommandHandler(store: store, models: models, clock: clock).handle(
            command, obligationId: obligationId, status: .ok
        ) { state, facts in
            try ObligationDecider.decide(.retire(lastPeriod: body.lastPeriod, reason: body.reason), state: state, facts: facts)
        }
    }
}
