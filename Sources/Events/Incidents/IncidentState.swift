/// What an incident's stream says now: the state the incident decider checks commands against and
/// the record read models show. Fields describing the item hold defaults until `IncidentLogged`
/// (`exists` is false then).
public struct IncidentState: Sendable, Hashable, Codable {
    /// One sighting of the story after the first.
    public struct Sighting: Sendable, Hashable, Codable {
        public var source: IncidentSource
        public var outlet: String
        public var url: String?
        public var canonicalUrl: String?
        public var publishedAt: Timestamp
        public var author: String?
        public var title: String?
        public var reach: Int64?
        public var addedAt: Timestamp
    }

    /// The latest verification.
    public struct Verification: Sendable, Hashable, Codable {
        public var outcome: VerificationOutcome
        public var findings: String
        public var evidence: [String]
        public var completedAt: Timestamp
        public var unitId: String
    }

    /// One response issued.
    public struct Response: Sendable, Hashable, Codable {
        public var responseId: String
        public var kind: ResponseKind
        public var unitId: String
        public var channel: String
        public var targetOutlet: String?
        public var outletPeriodicity: OutletPeriodicity?
        public var content: String
        public var issuedAt: Timestamp
        public var recordedAt: Timestamp
    }

    /// The stream version (0 when nothing happened yet).
    public var version: Int64 = 0
    public var incidentId = ""
    public var status: IncidentStatus = .open
    public var source: IncidentSource = .press
    public var outlet = ""
    public var url: String?
    /// Every canonical URL the incident was seen at: the first log's and the sightings'.
    public var canonicalUrls: [String] = []
    public var publishedAt = Timestamp(microsecondsSinceEpoch: 0)
    public var author: String?
    public var title = ""
    public var summary = ""
    public var topics: [String] = []
    public var unitIds: [String] = []
    public var severity: IncidentSeverity = .low
    /// The largest reach reported by the log or any sighting.
    public var reach: Int64?
    public var hotSpot = false
    public var pressRequest: PressRequest?
    public var loggedAt = Timestamp(microsecondsSinceEpoch: 0)
    public var sightings: [Sighting] = []
    /// The unit responsible now (after assignments and escalations).
    public var assignedUnitId: String?
    public var dueAt: Timestamp?
    public var assignedAt: Timestamp?
    public var escalations: [IncidentEscalated] = []
    public var verification: Verification?
    public var responses: [Response] = []
    public var corrections: [CorrectionPublished] = []
    public var resolvedAt: Timestamp?
    public var resolution: String?
    public var reopenedAt: Timestamp?
    /// False once reopened until verified again: a reopened incident is checked again.
    public var verifiedSinceReopen = false
    public var closedAt: Timestamp?
    /// The survivor this incident was merged into.
    public var mergedInto: String?
    public var mergedAt: Timestamp?
    /// Incidents merged into this one; `evolve` never fills it (their events are on their own streams):
    /// the shell adds them when it folds a survivor.
    public var absorbedIds: [String] = []
    /// When the last event happened.
    public var lastEventAt: Timestamp?

    /// The state before any event.
    public static let initial = IncidentState()

    /// Whether the incident was logged.
    public var exists: Bool { version > 0 }

    /// Whether it counts as open: not resolved, closed or merged.
    public var isOpen: Bool { exists && status == .open }

    /// Whether the current verification was done after the last reopening (a reopened incident is checked again).
    public var isVerified: Bool { verification != nil && verifiedSinceReopen }

    /// The response with this id.
    public func response(_ responseId: String) -> Response? {
        responses.first { $0.responseId == responseId }
    }
}
