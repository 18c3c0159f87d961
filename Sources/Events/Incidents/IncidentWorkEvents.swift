/// The incident was assigned (or reassigned) to the unit responsible, with a due time for
/// verification and response.
public struct IncidentAssigned: DomainEvent, Hashable {
    public static let eventType = "IncidentAssigned"
    public static let schemaVersion: Int32 = 1
    public var incidentId: String
    public var unitId: String
    public var dueAt: Timestamp
    public var note: String?
    public var assignedAt: Timestamp

    /// Creates the event.
    public init(incidentId: String, unitId: String, dueAt: Timestamp, note: String?, assignedAt: Timestamp) {
        self.incidentId = incidentId
        self.unitId = unitId
        self.dueAt = dueAt
        self.note = note
        self.assignedAt = assignedAt
    }
}

/// The incident went up to a superior unit, which becomes responsible for it.
public struct IncidentEscalated: DomainEvent, Hashable {
    public static let eventType = "IncidentEscalated"
    public static let schemaVersion: Int32 = 1
    public var incidentId: String
    public var fromUnitId: String
    public var toUnitId: String
    public var reason: String
    public var escalatedAt: Timestamp

    /// Creates the event.
    public init(incidentId: String, fromUnitId: String, toUnitId: String, reason: String, escalatedAt: Timestamp) {
        self.incidentId = incidentId
        self.fromUnitId = fromUnitId
        self.toUnitId = toUnitId
        self.reason = reason
        self.escalatedAt = escalatedAt
    }
}

/// The responsible unit checked the item and recorded what it found.
public struct VerificationCompleted: DomainEvent, Hashable {
    public static let eventType = "VerificationCompleted"
    public static let schemaVersion: Int32 = 1
    public var incidentId: String
    public var unitId: String
    public var outcome: VerificationOutcome
    public var findings: String
    /// References to the evidence (document numbers, links).
    public var evidence: [String]
    public var completedAt: Timestamp

    /// Creates the event.
    public init(
        incidentId: String, unitId: String, outcome: VerificationOutcome, findings: String, evidence: [String],
        completedAt: Timestamp
    ) {
        self.incidentId = incidentId
        self.unitId = unitId
        self.outcome = outcome
        self.findings = findings
        self.evidence = evidence
        self.completedAt = completedAt
    }
}

/// The responsible unit issued a response: an official answer, a correction request, a rebuttal,
/// information to the press, or word to the citizen. `issuedAt` is when it went out, `recordedAt`
/// when it was entered here.
public struct ResponseIssued: DomainEvent, Hashable {
    public static let eventType = "ResponseIssued"
    public static let schemaVersion: Int32 = 1
    public var incidentId: String
    public var responseId: String
    public var kind: ResponseKind
    public var unitId: String
    public var channel: String
    public var targetOutlet: String?
    /// For a correction request: how often the target outlet publishes (picks the correction rule).
    public var outletPeriodicity: OutletPeriodicity?
    public var content: String
    public var issuedAt: Timestamp
    public var recordedAt: Timestamp

    /// Creates the event.
    public init(
        incidentId: String, responseId: String, kind: ResponseKind, unitId: String, channel: String,
        targetOutlet: String?, outletPeriodicity: OutletPeriodicity? = nil, content: String, issuedAt: Timestamp,
        recordedAt: Timestamp
    ) {
        self.incidentId = incidentId
        self.responseId = responseId
        self.kind = kind
        self.unitId = unitId
        self.channel = channel
        self.targetOutlet = targetOutlet
        self.outletPeriodicity = outletPeriodicity
        self.content = content
        self.issuedAt = issuedAt
        self.recordedAt = recordedAt
    }
}

/// The outlet ran the correction a correction request asked for.
public struct CorrectionPublished: DomainEvent, Hashable {
    public static let eventType = "CorrectionPublished"
    public static let schemaVersion: Int32 = 1
    public var incidentId: String
    /// The correction request this answers.
    public var responseId: String
    public var outlet: String
    public var url: String?
    public var publishedAt: Timestamp
    public var recordedAt: Timestamp

    /// Creates the event.
    public init(
        incidentId: String, responseId: String, outlet: String, url: String?, publishedAt: Timestamp, recordedAt: Timestamp
    ) {
        self.incidentId = incidentId
        self.responseId = responseId
        self.outlet = outlet
        self.url = url
        self.publishedAt = publishedAt
        self.recordedAt = recordedAt
    }
}
