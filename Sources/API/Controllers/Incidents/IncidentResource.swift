import Events

/// An incident as the API shows it: the item, its sightings, who is responsible, verification,
/// responses, corrections, lifecycle times and its running clocks.
struct IncidentResource: Codable, Sendable {
    struct Sighting: Codable, Sendable {
        var source: IncidentSource
        var outlet: String
        var url: String?
        var canonicalUrl: String?
        var publishedAt: String
        var author: String?
        var title: String?
        var reach: Int64?
        var addedAt: String
    }
    struct Escalation: Codable, Sendable {
        var fromUnitId: String
        var toUnitId: String
        var reason: String
        var escalatedAt: String
    }
    struct Verification: Codable, Sendable {
        var outcome: VerificationOutcome
        var findings: String
        var evidence: [String]
        var unitId: String
        var completedAt: String
    }
    struct Response: Codable, Sendable {
        var id: String
        var kind: ResponseKind
        var unitId: String
        var channel: String
        var targetOutlet: String?
        var outletPeriodicity: OutletPeriodicity?
        var content: String
        var issuedAt: String
        var recordedAt: String
    }
    struct Correction: Codable, Sendable {
        var responseId: String
        var outlet: String
        var url: String?
        var publishedAt: String
        var recordedAt: String
    }
    struct PressRequestView: Codable, Sendable {
        var kind: PressRequest.Kind
        var receivedAt: String
    }
    struct Clock: Codable, Sendable {
        var kind: ClockKind
        var ruleId: String?
        var legalBasis: String?
        var responseId: String?
        var startedAt: String
        var dueAt: String?
        var metAt: String?
        var overdue: Bool
        var late: Bool
        var status: IncidentClock.Status
    }

    var id: String
    var status: IncidentStatus
    var phase: IncidentPhase
    var source: IncidentSource
    var outlet: String
    var url: String?
    var canonicalUrls: [String]
    var publishedAt: String
    var author: String?
    var title: String
    var summary: String
    var topics: [String]
    var unitIds: [String]
    var severity: IncidentSeverity
    var reach: Int64?
    var hotSpot: Bool
    var pressRequest: PressRequestView?
    var loggedAt: String
    var sightings: [Sighting]
    var assignedUnitId: String?
    var dueAt: String?
    var assignedAt: String?
    var escalations: [Escalation]
    var verification: Verification?
    var responses: [Response]
    var corrections: [Correction]
    var resolution: String?
    var resolvedAt: String?
    var reopenedAt: String?
    var closedAt: String?
    var mergedInto: String?
    var mergedAt: String?
    var absorbedIds: [String]
    var clocks: [Clock]
    var clocksAsOf: String
    var version: Int64
    /// The log position of the write that produced this answer.
    var position: Int64?

    init(_ s: IncidentState, clocks: [IncidentClock], at: Timestamp, position: Int64? = nil) {
        id = s.incidentId
        status = s.status
        phase = s.phase
        source = s.source
        outlet = s.outlet
        url = s.url
        canonicalUrls = s.canonicalUrls
        publishedAt = s.publishedAt.rfc3339
        author = s.author
        title = s.title
        summary = s.summary
        topics = s.topics
        unitIds = s.unitIds
        severity = s.severity
        reach = s.reach
        hotSpot = s.hotSpot
        pressRequest = s.pressRequest.map { PressRequestView(kind: $0.kind, receivedAt: $0.receivedAt.rfc3339) }
        loggedAt = s.loggedAt.rfc3339
        sightings = s.sightings.map {
            Sighting(
                source: $0.source, outlet: $0.outlet, url: $0.url, canonicalUrl: $0.canonicalUrl, publishedAt: $0.publishedAt.rfc3339,
                author: $0.author, title: $0.title, reach: $0.reach, addedAt: $0.addedAt.rfc3339)
        }
        assignedUnitId = s.assignedUnitId
        dueAt = s.dueAt?.rfc3339
        assignedAt = s.assignedAt?.rfc3339
        escalations = s.escalations.map {
            Escalation(fromUnitId: $0.fromUnitId, toUnitId: $0.toUnitId, reason: $0.reason, escalatedAt: $0.escalatedAt.rfc3339)
        }
        verification = s.verification.map {
            Verification(
                outcome: $0.outcome, findings: $0.findings, evidence: $0.evidence, unitId: $0.unitId, completedAt: $0.completedAt.rfc3339)
        }
        responses = s.responses.map {
            Response(
                id: $0.responseId, kind: $0.kind, unitId: $0.unitId, channel: $0.channel, targetOutlet: $0.targetOutlet,
                outletPeriodicity: $0.outletPeriodicity, content: $0.content, issuedAt: $0.issuedAt.rfc3339,
                recordedAt: $0.recordedAt.rfc3339)
        }
        corrections = s.corrections.map {
            Correction(
                responseId: $0.responseId, outlet: $0.outlet, url: $0.url, publishedAt: $0.publishedAt.rfc3339,
                recordedAt: $0.recordedAt.rfc3339)
        }
        resolution = s.resolution
        resolvedAt = s.resolvedAt?.rfc3339
        reopenedAt = s.reopenedAt?.rfc3339
        closedAt = s.closedAt?.rfc3339
        mergedInto = s.mergedInto
        mergedAt = s.mergedAt?.rfc3339
        absorbedIds = s.absorbedIds
        self.clocks = clocks.map {
            Clock(
                kind: $0.clock, ruleId: $0.ruleId, legalBasis: $0.legalBasis, responseId: $0.responseId, startedAt: $0.startedAt.rfc3339,
                dueAt: $0.dueAt?.rfc3339, metAt: $0.metAt?.rfc3339, overdue: $0.overdue, late: $0.late, status: $0.status)
        }
        clocksAsOf = at.rfc3339
        version = s.version
        self.position = position
    }
}

/// One event of an incident's history.
struct IncidentHistoryEntry: Codable, Sendable {
    var position: Int64
    var version: Int64
    var type: String
    var recordedAt: String
    var actor: ActorRef
    /// The event's data; `null` when redacted.
    var data: JSONValue
    /// True when the data is withheld from this token.
    var redacted: Bool
}

/// `GET /v1/incidents/{id}/history`.
struct IncidentHistory: Codable, Sendable {
    var incidentId: String
    var events: [IncidentHistoryEntry]
}
