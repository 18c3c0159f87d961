/// What can be asked of an incident.
public enum IncidentCommand: Sendable, Hashable {
    /// Log a new incident.
    case log(IncidentDraft)
    /// Add a sighting of the same story.
    case addSighting(SightingDraft)
    /// Assign (or reassign) to a responsible unit with a due time.
    case assign(unitId: String, dueAt: Timestamp, note: String?)
    /// Hand up to a superior unit (the nearest one when `toUnitId` is nil).
    case escalate(toUnitId: String?, reason: String)
    /// Record what checking the item found.
    case completeVerification(outcome: VerificationOutcome, findings: String, evidence: [String])
    /// Record a response the responsible unit issued (`issuedAt` nil: now).
    case issueResponse(ResponseDraft)
    /// Record that the outlet ran the correction asked for by correction request `responseId`.
    case recordCorrection(responseId: String, outlet: String, url: String?, publishedAt: Timestamp)
    case resolve(resolution: String)
    case reopen(reason: String)
    case close
    /// Absorb this incident into `into` (the survivor).
    case merge(into: String, reason: String?)

    /// The command's name, as messages and problem documents show it.
    public var name: String {
        switch self {
        case .log: return "log"
        case .addSighting: return "add a sighting to"
        case .assign: return "assign"
        case .escalate: return "escalate"
        case .completeVerification: return "verify"
        case .issueResponse: return "respond to"
        case .recordCorrection: return "record a correction for"
        case .resolve: return "resolve"
        case .reopen: return "reopen"
        case .close: return "close"
        case .merge: return "merge"
        }
    }
}

/// The fields of a new incident, as the monitor gave them.
public struct IncidentDraft: Sendable, Hashable {
    public var incidentId: String
    public var source: IncidentSource
    public var outlet: String
    public var url: String?
    public var publishedAt: Timestamp
    public var author: String?
    public var title: String
    public var summary: String
    public var topics: [String]
    public var unitIds: [String]
    public var severity: IncidentSeverity
    public var reach: Int64?
    public var hotSpot: Bool
    public var pressRequest: PressRequest?

    /// Creates a draft.
    public init(
        incidentId: String, source: IncidentSource, outlet: String, url: String? = nil, publishedAt: Timestamp,
        author: String? = nil, title: String, summary: String, topics: [String] = [], unitIds: [String],
        severity: IncidentSeverity, reach: Int64? = nil, hotSpot: Bool = false, pressRequest: PressRequest? = nil
    ) {
        self.incidentId = incidentId
        self.source = source
        self.outlet = outlet
        self.url = url
        self.publishedAt = publishedAt
        self.author = author
        self.title = title
        self.summary = summary
        self.topics = topics
        self.unitIds = unitIds
        self.severity = severity
        self.reach = reach
        self.hotSpot = hotSpot
        self.pressRequest = pressRequest
    }

    /// The same item as a sighting of an existing incident (what a deduplicated log becomes).
    public var sighting: SightingDraft {
        SightingDraft(source: source, outlet: outlet, url: url, publishedAt: publishedAt, author: author, title: title, reach: reach)
    }
}

/// Another sighting of a story.
public struct SightingDraft: Sendable, Hashable {
    public var source: IncidentSource
    public var outlet: String
    public var url: String?
    public var publishedAt: Timestamp
    public var author: String?
    public var title: String?
    public var reach: Int64?

    /// Creates a draft.
    public init(
        source: IncidentSource, outlet: String, url: String? = nil, publishedAt: Timestamp, author: String? = nil,
        title: String? = nil, reach: Int64? = nil
    ) {
        self.source = source
        self.outlet = outlet
        self.url = url
        self.publishedAt = publishedAt
        self.author = author
        self.title = title
        self.reach = reach
    }
}

/// A response as the unit gives it.
public struct ResponseDraft: Sendable, Hashable {
    public var responseId: String
    public var kind: ResponseKind
    public var channel: String
    public var targetOutlet: String?
    public var outletPeriodicity: OutletPeriodicity?
    public var content: String
    public var issuedAt: Timestamp?

    /// Creates a draft.
    public init(
        responseId: String, kind: ResponseKind, channel: String, targetOutlet: String? = nil,
        outletPeriodicity: OutletPeriodicity? = nil, content: String, issuedAt: Timestamp? = nil
    ) {
        self.responseId = responseId
        self.kind = kind
        self.channel = channel
        self.targetOutlet = targetOutlet
        self.outletPeriodicity = outletPeriodicity
        self.content = content
        self.issuedAt = issuedAt
    }
}

/// What the decider needs to know besides the incident's own state, gathered by the shell.
public struct IncidentContext: Sendable, Hashable {
    /// Units that exist and are active today (for the units an incident concerns and assignments).
    public var activeUnitIds: Set<String>
    /// The superior units of the unit responsible now, nearest first (for escalation).
    public var superiorUnitIds: [String]
    /// The survivor's state, for a merge.
    public var mergeTarget: IncidentState?

    /// Creates a context.
    public init(activeUnitIds: Set<String> = [], superiorUnitIds: [String] = [], mergeTarget: IncidentState? = nil) {
        self.activeUnitIds = activeUnitIds
        self.superiorUnitIds = superiorUnitIds
        self.mergeTarget = mergeTarget
    }
}
