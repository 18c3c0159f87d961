import Events
import Hummingbird
import Projections

/// The lifecycle steps of an incident, each a command through `IncidentCommandHandler`.
extension IncidentsController {
    /// `POST /v1/incidents/{id}/sightings` (monitors, admins).
    @Sendable func addSighting(_ request: Request, context: LedgerRequestContext) async throws -> Response {
        let incidentId = try Self.incidentId(context)
        let command = try await CommandRequest<SightingBody>.read(request, context: context, requireIfMatch: false)
        let draft = try command.body.draft()
        return try await handler.handle(
            command, incidentId: incidentId, authorize: { actor, _ in IncidentAccess.mayLog(actor) },
            decide: { _ in .addSighting(draft) },
            beforeAppend: IncidentIntake(store: store, models: models, clock: clock).claimURL(for: incidentId, actor: command.actor))
    }

    /// `POST /v1/incidents/{id}/assignments` (supervisors of the subtree, admins).
    @Sendable func assign(_ request: Request, context: LedgerRequestContext) async throws -> Response {
        let incidentId = try Self.incidentId(context)
        let command = try await CommandRequest<AssignIncidentBody>.read(request, context: context, requireIfMatch: false)
        let body = command.body
        guard UnitID.isValid(body.unitId) else { throw APIError(.invalidBody, "unitId must match \(UnitID.pattern)", field: "unitId") }
        let dueAt = try IncidentTime.parse(body.dueAt, field: "dueAt")
        let note = try IncidentDecider.optionalText(body.note, field: "note", limit: IncidentDecider.Limits.reason)
        return try await handler.handle(
            command, incidentId: incidentId,
            authorize: { actor, facts in
                IncidentAccess.maySupervise(actor, facts.state, targets: [body.unitId], directory: facts.directory, on: facts.today)
            },
            decide: { _ in .assign(unitId: body.unitId, dueAt: dueAt, note: note) })
    }

    /// `POST /v1/incidents/{id}/escalations` (supervisors of the subtree, admins).
    @Sendable func escalate(_ request: Request, context: LedgerRequestContext) async throws -> Response {
        let incidentId = try Self.incidentId(context)
        let command = try await CommandRequest<EscalateIncidentBody>.read(request, context: context, requireIfMatch: false)
        let body = command.body
        if let to = body.toUnitId, !UnitID.isValid(to) {
            throw APIError(.invalidBody, "toUnitId must match \(UnitID.pattern)", field: "toUnitId")
        }
        let reason = try IncidentDecider.text(body.reason, field: "reason", limit: IncidentDecider.Limits.reason)
        return try await handler.handle(
            command, incidentId: incidentId, authorize: supervisor, decide: { _ in .escalate(toUnitId: body.toUnitId, reason: reason) })
    }

    /// `POST /v1/incidents/{id}/verification` (officers of the assigned unit, admins).
    @Sendable func verify(_ request: Request, context: LedgerRequestContext) async throws -> Response {
        let incidentId = try Self.incidentId(context)
        let command = try await CommandRequest<VerifyIncidentBody>.read(request, context: context, requireIfMatch: false)
        let body = command.body
        let findings = try IncidentDecider.text(body.findings, field: "findings", limit: IncidentDecider.Limits.findings)
        let evidence = try IncidentDecider.list(
            body.evidence ?? [], field: "evidence", maximum: IncidentDecider.Limits.evidenceItems, limit: IncidentDecider.Limits.evidence)
        return try await handler.handle(
            command, incidentId: incidentId, authorize: officer,
            decide: { _ in .completeVerification(outcome: body.outcome, findings: findings, evidence: evidence) })
    }

    /// `POST /v1/incidents/{id}/responses` (officers of the assigned unit, admins).
    @Sendable func respond(_ request: Request, context: LedgerRequestContext) async throws -> Response {
        let incidentId = try Self.incidentId(context)
        let command = try await CommandRequest<IssueResponseBody>.read(request, context: context, requireIfMatch: false)
        let body = command.body
        let issuedAt = try body.issuedAt.map { try IncidentTime.parse($0, field: "issuedAt") }
        _ = try IncidentDecider.text(body.channel, field: "channel", limit: IncidentDecider.Limits.channel)
        _ = try IncidentDecider.optionalText(body.targetOutlet, field: "targetOutlet", limit: IncidentDecider.Limits.outlet)
        _ = try IncidentDecider.text(body.content, field: "content", limit: IncidentDecider.Limits.content)
        let responseId = ResourceID.make(for: command.idempotency, kind: "incident-response")
        let draft = ResponseDraft(
            responseId: responseId, kind: body.kind, channel: body.channel, targetOutlet: body.targetOutlet,
            outletPeriodicity: body.outletPeriodicity, content: body.content, issuedAt: issuedAt)
        return try await handler.handle(command, incidentId: incidentId, authorize: officer, decide: { _ in .issueResponse(draft) })
    }

    /// `POST /v1/incidents/{id}/responses/{responseId}/correction` (officers of the assigned unit, admins).
    @Sendable func recordCorrection(_ request: Request, context: LedgerRequestContext) async throws -> Response {
        let incidentId = try Self.incidentId(context)
        guard let responseId = context.parameters.get("responseId"), UnitID.isValid(responseId) else {
            throw APIError.invalidParameter("responseId", "'responseId' must match \(UnitID.pattern)")
        }
        let command = try await CommandRequest<RecordCorrectionBody>.read(request, context: context, requireIfMatch: false)
        let body = command.body
        let publishedAt = try IncidentTime.parse(body.publishedAt, field: "publishedAt")
        _ = try IncidentDecider.text(body.outlet, field: "outlet", limit: IncidentDecider.Limits.outlet)
        if let url = body.url { _ = try IncidentDecider.checkedURL(url, field: "url") }
        return try await handler.handle(
            command, incidentId: incidentId, authorize: officer,
            decide: { _ in .recordCorrection(responseId: responseId, outlet: body.outlet, url: body.url, publishedAt: publishedAt) })
    }

    /// `POST /v1/incidents/{id}/resolution` (supervisors of the subtree, admins).
    @Sendable func resolve(_ request: Request, context: LedgerRequestContext) async throws -> Response {
        let incidentId = try Self.incidentId(context)
        let command = try await CommandRequest<ResolveIncidentBody>.read(request, context: context, requireIfMatch: false)
        let resolution = try IncidentDecider.text(command.body.resolution, field: "resolution", limit: IncidentDecider.Limits.summary)
        return try await handler.handle(
            command, incidentId: incidentId, authorize: supervisor, decide: { _ in .resolve(resolution: resolution) })
    }

    /// `POST /v1/incidents/{id}/reopen` (supervisors of the subtree, admins).
    @Sendable func reopen(_ request: Request, context: LedgerRequestContext) async throws -> Response {
        let incidentId = try Self.incidentId(context)
        let command = try await CommandRequest<ReopenIncidentBody>.read(request, context: context, requireIfMatch: false)
        let reason = try IncidentDecider.text(command.body.reason, field: "reason", limit: IncidentDecider.Limits.reason)
        return try await handler.handle(command, incidentId: incidentId, authorize: supervisor, decide: { _ in .reopen(reason: reason) })
    }

    /// `POST /v1/incidents/{id}/close` (supervisors of the subtree, admins).
    @Sendable func close(_ request: Request, context: LedgerRequestContext) async throws -> Response {
        let incidentId = try Self.incidentId(context)
        let command = try await CommandRequest<CloseIncidentBody>.read(request, context: context, requireIfMatch: false)
        return try await handler.handle(command, incidentId: incidentId, authorize: supervisor, decide: { _ in .close })
    }

    /// `POST /v1/incidents/{id}/merge` (supervisors of both incidents' subtrees, admins).
    @Sendable func merge(_ request: Request, context: LedgerRequestContext) async throws -> Response {
        let incidentId = try Self.incidentId(context)
        let command = try await CommandRequest<MergeIncidentBody>.read(request, context: context, requireIfMatch: false)
        let body = command.body
        guard IncidentID.isValid(body.into) else { throw APIError(.invalidBody, "into must match \(IncidentID.pattern)", field: "into") }
        let reason = try IncidentDecider.optionalText(body.reason, field: "reason", limit: IncidentDecider.Limits.reason)
        return try await handler.handle(
            command, incidentId: incidentId,
            authorize: { actor, facts in
                IncidentAccess.maySupervise(actor, facts.state, directory: facts.directory, on: facts.today)
                    && (facts.mergeTarget.map {
                        $0.exists ? IncidentAccess.maySupervise(actor, $0, directory: facts.directory, on: facts.today) : true
                    } ?? true)
            },
            decide: { _ in .merge(into: body.into, reason: reason) })
    }

    private var supervisor: (ActorRef, IncidentCommandHandler.Facts) -> Bool {
        { actor, facts in IncidentAccess.maySupervise(actor, facts.state, directory: facts.directory, on: facts.today) }
    }

    private var officer: (ActorRef, IncidentCommandHandler.Facts) -> Bool {
        { actor, facts in IncidentAccess.mayWork(actor, facts.state) }
    }
}
