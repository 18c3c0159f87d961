extension IncidentState {
    /// Folds one event into the state (the decider's `evolve`). Pure.
    public static func evolve(_ state: IncidentState, _ event: IncidentEvent) -> IncidentState {
        var state = state
        state.version += 1
        state.lastEventAt = max(state.lastEventAt ?? event.occurredAt, event.occurredAt)
        switch event {
        case .logged(let e):
            state.incidentId = e.incidentId
            state.status = .open
            state.source = e.source
            state.outlet = e.outlet
            state.url = e.url
            if let canonical = e.canonicalUrl { state.addCanonicalUrl(canonical) }
            state.publishedAt = e.publishedAt
            state.author = e.author
            state.title = e.title
            state.summary = e.summary
            state.topics = e.topics
            state.unitIds = e.unitIds
            state.severity = e.severity
            state.reach = e.reach
            state.hotSpot = e.hotSpot
            state.pressRequest = e.pressRequest
            state.loggedAt = e.loggedAt
        case .sightingAdded(let e):
            state.sightings.append(
                Sighting(
                    source: e.source, outlet: e.outlet, url: e.url, canonicalUrl: e.canonicalUrl, publishedAt: e.publishedAt,
                    author: e.author, title: e.title, reach: e.reach, addedAt: e.addedAt))
            if let canonical = e.canonicalUrl { state.addCanonicalUrl(canonical) }
            if let reach = e.reach { state.reach = max(state.reach ?? reach, reach) }
        case .assigned(let e):
            state.assignedUnitId = e.unitId
            state.dueAt = e.dueAt
            state.assignedAt = e.assignedAt
        case .escalated(let e):
            state.escalations.append(e)
            state.assignedUnitId = e.toUnitId
        case .verificationCompleted(let e):
            state.verification = Verification(
                outcome: e.outcome, findings: e.findings, evidence: e.evidence, completedAt: e.completedAt, unitId: e.unitId)
            state.verifiedSinceReopen = true
        case .responseIssued(let e):
            state.responses.append(
                Response(
                    responseId: e.responseId, kind: e.kind, unitId: e.unitId, channel: e.channel, targetOutlet: e.targetOutlet,
                    outletPeriodicity: e.outletPeriodicity, content: e.content, issuedAt: e.issuedAt, recordedAt: e.recordedAt))
        case .correctionPublished(let e):
            state.corrections.append(e)
        case .resolved(let e):
            state.status = .resolved
            state.resolvedAt = e.resolvedAt
            state.resolution = e.resolution
        case .reopened(let e):
            state.status = .open
            state.reopenedAt = e.reopenedAt
            state.verifiedSinceReopen = false
            state.resolvedAt = nil
            state.resolution = nil
            state.closedAt = nil
        case .closed(let e):
            state.status = .closed
            state.closedAt = e.closedAt
        case .merged(let e):
            state.status = .merged
            state.mergedInto = e.into
            state.mergedAt = e.mergedAt
        }
        return state
    }

    /// Folds events in order, starting from `initial`.
    public static func replay(_ events: some Sequence<IncidentEvent>) -> IncidentState {
        events.reduce(.initial, evolve)
    }

    private mutating func addCanonicalUrl(_ url: String) {
        if !canonicalUrls.contains(url) { canonicalUrls.append(url) }
    }
}
