import Events
import Foundation
import Hummingbird
import Projections

/// Reports: file (or record a receipt), read, list, amend, return, re-submit, accept; and excusals.
struct ReportsController {
    let store: any EventStore
    let models: ReadModels
    let clock: LedgerClock

    func register(in group: RouterGroup<LedgerRequestContext>, routes: RouteTable) {
        group.post("reports", use: file)
        group.get("reports", use: list)
        group.get("reports/:reportId", use: show)
        group.post("reports/:reportId/amendments", use: amend)
        group.post("reports/:reportId/resubmissions", use: resubmit)
        group.post("reports/:reportId/return", use: returnReport)
        group.post("reports/:reportId/accept", use: accept)
        group.post("obligations/:obligationId/excusals", use: excuse)
        for (method, path) in [
            ("POST", "/v1/reports"), ("GET", "/v1/reports"), ("GET", "/v1/reports/{reportId}"),
            ("POST", "/v1/reports/{reportId}/amendments"), ("POST", "/v1/reports/{reportId}/resubmissions"),
            ("POST", "/v1/reports/{reportId}/return"), ("POST", "/v1/reports/{reportId}/accept"),
            ("POST", "/v1/obligations/{obligationId}/excusals"),
        ] { routes.add(method, path) }
    }

    private var handler: ReportCommandHandler { ReportCommandHandler(store: store, models: models, clock: clock) }

    /// `POST /v1/reports`
    @Sendable func file(_ request: Request, context: LedgerRequestContext) async throws -> Response {
        let command = try await CommandRequest<FileReportBody>.read(request, context: context, requireIfMatch: false)
        let body = command.body
        let duty = try Self.duty(obligationId: body.obligationId, unitId: body.unitId, period: body.period)
        var receivedAt: Timestamp?
        if let text = body.receivedAt {
            guard let instant = Timestamp(rfc3339: text) else {
                throw APIError(.invalidBody, "receivedAt must be an RFC 3339 instant", field: "receivedAt")
            }
            receivedAt = instant
        }
        let channel = body.channel ?? (receivedAt == nil ? .api : .documentSystem)
        guard (channel == .api) == (receivedAt == nil) else {
            throw APIError(
                .invalidBody, "receivedAt is required for, and only for, the paper and documentSystem channels", field: "receivedAt")
        }
        let content = try ReportDecider.validated(ReportContent(summary: body.summary, body: body.body ?? "", topics: body.topics ?? []))
        return try await handler.handle(
            command, duty: duty, status: .created,
            authorize: { actor, facts in
                receivedAt == nil ? ReportingAccess.mayWriteForUnit(actor, duty) : ReportingAccess.mayRecordReceipt(actor, facts.terms)
            },
            decide: { _ in
                .file(
                    reportId: ReportID.make(duty), content: content, confidential: body.confidential ?? false, channel: channel,
                    receivedAt: receivedAt)
            })
    }

    /// `POST /v1/reports/{reportId}/amendments`
    @Sendable func amend(_ request: Request, context: LedgerRequestContext) async throws -> Response {
        let duty = try Self.pathDuty(context)
        let command = try await CommandRequest<ReportContentBody>.read(request, context: context, requireIfMatch: false)
        let content = try ReportDecider.validated(command.body.content)
        return try await handler.handle(
            command, duty: duty, status: .ok, authorize: { actor, _ in ReportingAccess.mayWriteForUnit(actor, duty) },
            decide: { _ in .amend(content) })
    }

    /// `POST /v1/reports/{reportId}/resubmissions`
    @Sendable func resubmit(_ request: Request, context: LedgerRequestContext) async throws -> Response {
        let duty = try Self.pathDuty(context)
        let command = try await CommandRequest<ReportContentBody>.read(request, context: context, requireIfMatch: false)
        let content = try ReportDecider.validated(command.body.content)
        return try await handler.handle(
            command, duty: duty, status: .ok, authorize: { actor, _ in ReportingAccess.mayWriteForUnit(actor, duty) },
            decide: { _ in .resubmit(content) })
    }

    /// `POST /v1/reports/{reportId}/return`
    @Sendable func returnReport(_ request: Request, context: LedgerRequestContext) async throws -> Response {
        let duty = try Self.pathDuty(context)
        let command = try await CommandRequest<ReturnReportBody>.read(request, context: context, requireIfMatch: false)
        _ = try ReportDecider.text(command.body.reason, field: "reason", limit: 2_000)
        return try await handler.handle(
            command, duty: duty, status: .ok, authorize: { actor, facts in ReportingAccess.mayReview(actor, facts.terms) },
            decide: { _ in .returnToUnit(reason: command.body.reason) })
    }

    /// `POST /v1/reports/{reportId}/accept`
    @Sendable func accept(_ request: Request, context: LedgerRequestContext) async throws -> Response {
        let duty = try Self.pathDuty(context)
        let command = try await CommandRequest<AcceptReportBody>.read(request, context: context, requireIfMatch: false)
        return try await handler.handle(
            command, duty: duty, status: .ok, authorize: { actor, facts in ReportingAccess.mayReview(actor, facts.terms) },
            decide: { _ in .accept })
    }

    /// `POST /v1/obligations/{obligationId}/excusals`
    @Sendable func excuse(_ request: Request, context: LedgerRequestContext) async throws -> Response {
        guard let obligationId = context.parameters.get("obligationId"), UnitID.isValid(obligationId) else {
            throw APIError.invalidParameter("obligationId", "'obligationId' must match \(UnitID.pattern)")
        }
        let command = try await CommandRequest<ExcusalBody>.read(request, context: context, requireIfMatch: false)
        let duty = try Self.duty(obligationId: obligationId, unitId: command.body.unitId, period: command.body.period)
        _ = try ReportDecider.text(command.body.reason, field: "reason", limit: 2_000)
        return try await handler.handle(
            command, duty: duty, status: .created, authorize: { actor, facts in ReportingAccess.mayReview(actor, facts.terms) },
            decide: { _ in .excuse(reason: command.body.reason) })
    }

    /// `GET /v1/reports/{reportId}?asOf=&atPosition=`
    @Sendable func show(_ request: Request, context: LedgerRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let duty = try Self.pathDuty(context)
        let cut = try await QueryParameters(request).readCut(store: store, now: clock.now())
        guard let stream = duty.streamId else { throw APIError(.notFound, "no report \(ReportID.make(duty))") }
        let events = try await store.readWholeStream(stream).filter(cut.contains)
        let view = try ReportView.fold(duty, events)
        guard view.state.reportId != nil || view.state.excused else {
            throw APIError(.notFound, "no report \(ReportID.make(duty))\(cut.suffix)")
        }
        let terms = try await ObligationLoader(store: store, models: models).load(cut: cut).obligation(duty.obligationId)?.terms(
            for: duty.period)
        let show = ReportingAccess.mayReadText(actor, duty, terms, confidential: view.state.confidential)
        var response = try JSONResponse.make(ReportResource(view, showText: show), status: .ok)
        response.headers[.eTag] = "\"\(view.state.version)\""
        return response
    }

    /// `GET /v1/reports?unit=&obligation=&period=&after=&limit=&asOf=&atPosition=`: one page in
    /// (obligation, unit, period) order, from the inline duty models: `reporting_duties` now,
    /// `duty_versions` at a cut's position.
    @Sendable func list(_ request: Request, context: LedgerRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let parameters = QueryParameters(request)
        let query = try ReportListQuery(parameters)
        let cut = try await parameters.readCut(store: store, now: clock.now())
        let page: (records: [DutyRecord], more: Bool)
        let answeredFrom: String
        // At a cut: the duties' versions valid at its position (inline, so never behind the log).
        let position = cut.isPast ? try await models.position(of: cut) : nil
        page = try await models.reports.page(query.filter, after: query.after, limit: query.limit, at: position)
        answeredFrom = "readModel"
        let catalog = try await ObligationLoader(store: store, models: models).load(cut: cut)
        let reports = page.records.map { record in
            let terms = catalog.obligation(record.duty.obligationId)?.terms(for: record.duty.period)
            return ReportListEntry(
                record, showText: ReportingAccess.mayReadText(actor, record.duty, terms, confidential: record.state.confidential))
        }
        let last = page.more ? page.records.last?.duty : nil
        return try JSONResponse.make(
            ReportListPage(
                reports: reports, answeredFrom: answeredFrom, nextAfter: last.map(ReportID.make),
                next: last.map { query.next(after: $0, cut: cut) }), status: .ok)
    }

    static func duty(obligationId: String, unitId: String, period: String) throws -> ReportingDuty {
        guard UnitID.isValid(obligationId) else {
            throw APIError(.invalidBody, "obligationId must match \(UnitID.pattern)", field: "obligationId")
        }
        guard UnitID.isValid(unitId) else { throw APIError(.invalidBody, "unitId must match \(UnitID.pattern)", field: "unitId") }
        guard let parsed = try? Period(parsing: period) else {
            throw APIError(
                .invalidBody, "period must be like 2024-10, 2024-W42, 2024-Q3, 2024-H1, 2024-9M, 2024 or 2024-10-05", field: "period")
        }
        return ReportingDuty(obligationId: obligationId, unitId: unitId, period: parsed)
    }

    static func pathDuty(_ context: LedgerRequestContext) throws -> ReportingDuty {
        guard let id = context.parameters.get("reportId"), let duty = ReportID.duty(id) else {
            throw APIError.invalidParameter("reportId", "'reportId' must be <obligationId>.<unitId>.<period>")
        }
        return duty
    }
}
