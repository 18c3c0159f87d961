extension IncidentDecider {
    /// The `IncidentLogged` for a draft: text checked and trimmed, units known, times not in the future.
    public static func logged(_ draft: IncidentDraft, context: IncidentContext, now: Timestamp) throws(IncidentRuleViolation)
        -> IncidentLogged
    {
        let draft = try validated(draft)
        for (index, unitId) in draft.unitIds.enumerated() where !context.activeUnitIds.contains(unitId) {
            throw .unknownUnit(unitId: unitId, field: "unitIds[\(index)]")
        }
        guard draft.publishedAt <= now else { throw .inTheFuture(field: "publishedAt") }
        if let request = draft.pressRequest, request.receivedAt > now { throw .inTheFuture(field: "pressRequest.receivedAt") }
        return IncidentLogged(
            incidentId: draft.incidentId, source: draft.source, outlet: draft.outlet, url: draft.url,
            canonicalUrl: try draft.url.map { (url) throws(IncidentRuleViolation) in try checkedURL(url, field: "url").canonical.rawValue },
            publishedAt: draft.publishedAt, author: draft.author, title: draft.title, summary: draft.summary, topics: draft.topics,
            unitIds: draft.unitIds, severity: draft.severity, reach: draft.reach, hotSpot: draft.hotSpot,
            pressRequest: draft.pressRequest, loggedAt: now)
    }

    /// The `SightingAdded` for a draft.
    public static func sighting(_ draft: SightingDraft, incidentId: String, now: Timestamp) throws(IncidentRuleViolation) -> SightingAdded {
        let draft = try validated(draft)
        guard draft.publishedAt <= now else { throw .inTheFuture(field: "publishedAt") }
        return SightingAdded(
            incidentId: incidentId, source: draft.source, outlet: draft.outlet, url: draft.url,
            canonicalUrl: try draft.url.map { (url) throws(IncidentRuleViolation) in try checkedURL(url, field: "url").canonical.rawValue },
            publishedAt: draft.publishedAt, author: draft.author, title: draft.title, reach: draft.reach, addedAt: now)
    }

    /// Checks and trims a draft's fields (everything that needs no state); the shell calls it before
    /// loading anything so a bad request is a 400 whatever the incident's state.
    public static func validated(_ draft: IncidentDraft) throws(IncidentRuleViolation) -> IncidentDraft {
        var draft = draft
        draft.outlet = try text(draft.outlet, field: "outlet", limit: Limits.outlet)
        draft.url = try draft.url.map { (url) throws(IncidentRuleViolation) in try checkedURL(url, field: "url").text }
        draft.author = try optionalText(draft.author, field: "author", limit: Limits.outlet)
        draft.title = try text(draft.title, field: "title", limit: Limits.title)
        draft.summary = try text(draft.summary, field: "summary", limit: Limits.summary)
        draft.topics = try list(draft.topics, field: "topics", maximum: Limits.topics, limit: Limits.topic)
        guard (1...Limits.units).contains(draft.unitIds.count) else {
            throw .invalidField(field: "unitIds", reason: "must name 1 to \(Limits.units) units")
        }
        var seen: Set<String> = []
        draft.unitIds = draft.unitIds.filter { seen.insert($0).inserted }
        if let reach = draft.reach, reach < 0 { throw .invalidField(field: "reach", reason: "must not be negative") }
        return draft
    }

    /// Checks and trims a sighting's fields.
    public static func validated(_ draft: SightingDraft) throws(IncidentRuleViolation) -> SightingDraft {
        var draft = draft
        draft.outlet = try text(draft.outlet, field: "outlet", limit: Limits.outlet)
        draft.url = try draft.url.map { (url) throws(IncidentRuleViolation) in try checkedURL(url, field: "url").text }
        draft.author = try optionalText(draft.author, field: "author", limit: Limits.outlet)
        draft.title = try optionalText(draft.title, field: "title", limit: Limits.title)
        if let reach = draft.reach, reach < 0 { throw .invalidField(field: "reach", reason: "must not be negative") }
        return draft
    }
}
