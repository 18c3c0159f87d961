/// Decides which events an incident command produces, or why it is refused. Pure: the incident's state,
/// the context the shell gathered and the current instant come in as values.
///
/// | command | allowed in phase |
/// |---|---|
/// | log | unlogged |
/// | addSighting | logged, assigned, verified, resolved, closed |
/// | assign, resolve | logged, assigned, verified |
/// | escalate | assigned, verified |
/// | completeVerification | assigned |
/// | issueResponse | assigned, verified, resolved (correctionRequest / rebuttal: after an inaccurate or partlyAccurate verification) |
/// | recordCorrection | logged, assigned, verified, resolved (for a correction request without a recorded correction) |
/// | reopen | resolved, closed |
/// | close | resolved |
/// | merge | logged, assigned, verified, resolved |
/// A merged incident refuses everything and names its survivor.
public enum IncidentDecider {
    /// The events for `command` on an incident in `state`.
    public static func decide(
        _ command: IncidentCommand, state: IncidentState, context: IncidentContext, now: Timestamp
    ) throws(IncidentRuleViolation) -> [IncidentEvent] {
        if case .log(let draft) = command {
            guard !state.exists else { throw .alreadyLogged(incidentId: state.incidentId) }
            return [.logged(try logged(draft, context: context, now: now))]
        }
        guard state.exists else { throw .notLogged }
        if let into = state.mergedInto { throw .merged(into: into) }
        let id = state.incidentId
        let phase = state.phase
        func require(_ phases: Set<IncidentPhase>) throws(IncidentRuleViolation) {
            guard phases.contains(phase) else { throw .wrongPhase(command: command.name, phase: phase) }
        }
        let open: Set<IncidentPhase> = [.logged, .assigned, .verified]
        switch command {
        case .log:
            throw .alreadyLogged(incidentId: id)
        case .addSighting(let draft):
            try require([.logged, .assigned, .verified, .resolved, .closed])
            return [.sightingAdded(try sighting(draft, incidentId: id, now: now))]
        case .assign(let unitId, let dueAt, let note):
            try require(open)
            guard context.activeUnitIds.contains(unitId) else { throw .unknownUnit(unitId: unitId, field: "unitId") }
            guard dueAt > now else { throw .tooEarly(field: "dueAt", reason: "must be later than now") }
            let note = try optionalText(note, field: "note", limit: Limits.reason)
            return [.assigned(IncidentAssigned(incidentId: id, unitId: unitId, dueAt: dueAt, note: note, assignedAt: now))]
        case .escalate(let toUnitId, let reason):
            try require([.assigned, .verified])
            let from = state.assignedUnitId!
            guard let nearest = context.superiorUnitIds.first else { throw .noSuperiorUnit(unitId: from) }
            let target = toUnitId ?? nearest
            guard context.superiorUnitIds.contains(target) else { throw .notASuperior(unitId: target, of: from) }
            guard context.activeUnitIds.contains(target) else { throw .unknownUnit(unitId: target, field: "toUnitId") }
            let reason = try text(reason, field: "reason", limit: Limits.reason)
            return [.escalated(IncidentEscalated(incidentId: id, fromUnitId: from, toUnitId: target, reason: reason, escalatedAt: now))]
        case .completeVerification(let outcome, let findings, let evidence):
            try require([.assigned])
            let findings = try text(findings, field: "findings", limit: Limits.findings)
            let evidence = try list(evidence, field: "evidence", maximum: Limits.evidenceItems, limit: Limits.evidence)
            return [
                .verificationCompleted(
                    VerificationCompleted(
                        incidentId: id, unitId: state.assignedUnitId!, outcome: outcome, findings: findings, evidence: evidence,
                        completedAt: now))
            ]
        case .issueResponse(let draft):
            try require([.assigned, .verified, .resolved])
            return [.responseIssued(try response(draft, state: state, now: now))]
        case .recordCorrection(let responseId, let outlet, let url, let publishedAt):
            try require([.logged, .assigned, .verified, .resolved])
            guard let request = state.response(responseId) else { throw .unknownResponse(responseId: responseId) }
            guard request.kind == .correctionRequest else { throw .notACorrectionRequest(responseId: responseId, kind: request.kind) }
            guard !state.corrections.contains(where: { $0.responseId == responseId }) else {
                throw .correctionAlreadyRecorded(responseId: responseId)
            }
            guard publishedAt <= now else { throw .inTheFuture(field: "publishedAt") }
            guard publishedAt >= request.issuedAt else {
                throw .tooEarly(field: "publishedAt", reason: "must not be before the correction request was issued (\(request.issuedAt))")
            }
            let outlet = try text(outlet, field: "outlet", limit: Limits.outlet)
            let url = try url.map { (url) throws(IncidentRuleViolation) in try checkedURL(url, field: "url").text }
            return [
                .correctionPublished(
                    CorrectionPublished(
                        incidentId: id, responseId: responseId, outlet: outlet, url: url, publishedAt: publishedAt, recordedAt: now))
            ]
        case .resolve(let resolution):
            try require(open)
            let resolution = try text(resolution, field: "resolution", limit: Limits.summary)
            return [.resolved(IncidentResolved(incidentId: id, resolution: resolution, resolvedAt: now))]
        case .reopen(let reason):
            try require([.resolved, .closed])
            let reason = try text(reason, field: "reason", limit: Limits.reason)
            return [.reopened(IncidentReopened(incidentId: id, reason: reason, reopenedAt: now))]
        case .close:
            try require([.resolved])
            return [.closed(IncidentClosed(incidentId: id, closedAt: now))]
        case .merge(let into, let reason):
            try require([.logged, .assigned, .verified, .resolved])
            guard into != id else { throw .mergeIntoItself }
            guard let target = context.mergeTarget, target.exists, target.incidentId == into else {
                throw .mergeTargetNotFound(incidentId: into)
            }
            if let next = target.mergedInto { throw .mergeTargetMerged(incidentId: into, into: next) }
            let reason = try optionalText(reason, field: "reason", limit: Limits.reason)
            return [.merged(IncidentMerged(incidentId: id, into: into, reason: reason, mergedAt: now))]
        }
    }

    private static func response(_ draft: ResponseDraft, state: IncidentState, now: Timestamp) throws(IncidentRuleViolation)
        -> ResponseIssued
    {
        if draft.kind.needsCorrectableVerification {
            guard state.isVerified, let verification = state.verification, verification.outcome.warrantsCorrection else {
                throw .needsCorrectableVerification(
                    kind: draft.kind, outcome: state.isVerified ? state.verification?.outcome : nil, phase: state.phase)
            }
        }
        let issuedAt = draft.issuedAt ?? now
        guard issuedAt <= now else { throw .inTheFuture(field: "issuedAt") }
        guard !state.responses.contains(where: { $0.responseId == draft.responseId }) else {
            throw .invalidField(field: "responseId", reason: "is already used on this incident")
        }
        let periodicity =
            draft.kind == .correctionRequest ? draft.outletPeriodicity ?? defaultPeriodicity(state.source) : draft.outletPeriodicity
        return ResponseIssued(
            incidentId: state.incidentId, responseId: draft.responseId, kind: draft.kind, unitId: state.assignedUnitId!,
            channel: try text(draft.channel, field: "channel", limit: Limits.channel),
            targetOutlet: try optionalText(draft.targetOutlet, field: "targetOutlet", limit: Limits.outlet),
            outletPeriodicity: periodicity, content: try text(draft.content, field: "content", limit: Limits.content),
            issuedAt: issuedAt, recordedAt: now)
    }

    /// How often an outlet of this source kind publishes when the request does not say: online for
    /// electronic news and social media, daily for broadcasts; unknown for print.
    public static func defaultPeriodicity(_ source: IncidentSource) -> OutletPeriodicity? {
        switch source {
        case .electronicNews, .socialMedia: return .online
        case .broadcast: return .daily
        default: return nil
        }
    }
}
