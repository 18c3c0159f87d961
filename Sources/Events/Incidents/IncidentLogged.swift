/// A monitor logged an item of public opinion as a new incident: what was seen, where, about whom,
/// how sensitive and how far it is spreading. The first event of `incident-<incidentId>`.
public struct IncidentLogged: DomainEvent, Hashable {
    public static let eventType = "IncidentLogged"
    public static let schemaVersion: Int32 = 1
    public var incidentId: String
    public var source: IncidentSource
    public var outlet: String
    public var url: String?
    /// The URL in canonical form (see `CanonicalURL`): what sightings are matched on.
    public var canonicalUrl: String?
    public var publishedAt: Timestamp
    public var author: String?
    public var title: String
    public var summary: String
    public var topics: [String]
    /// The units the item concerns.
    public var unitIds: [String]
    public var severity: IncidentSeverity
    /// Shares, views or copies when known.
    public var reach: Int64?
    /// Whether it risks becoming a hot spot (điểm nóng).
    public var hotSpot: Bool
    /// A formal press request that starts the press-answer or petition clock.
    public var pressRequest: PressRequest?
    public var loggedAt: Timestamp

    /// Creates the event.
    public init(
        incidentId: String, source: IncidentSource, outlet: String, url: String?, canonicalUrl: String?,
        publishedAt: Timestamp, author: String?, title: String, summary: String, topics: [String], unitIds: [String],
        severity: IncidentSeverity, reach: Int64?, hotSpot: Bool, pressRequest: PressRequest?, loggedAt: Timestamp
    ) {
        self.incidentId = incidentId
        self.source = source
        self.outlet = outlet
        self.url = url
        self.canonicalUrl = canonicalUrl
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
        self.loggedAt = loggedAt
    }
}

/// The same story was seen again (another outlet, a repost, the same URL logged twice): added to the
/// existing incident instead of opening a duplicate.
public struct SightingAdded: DomainEvent, Hashable {
    public static let eventType = "SightingAdded"
    public static let schemaVersion: Int32 = 1
    public var incidentId: String
    public var source: IncidentSource
    public var outlet: String
    public var url: String?
    public var canonicalUrl: String?
    public var publishedAt: Timestamp
    public var author: String?
    public var title: String?
    public var reach: Int64?
    public var addedAt: Timestamp

    /// Creates the event.
    public init(
        incidentId: String, source: IncidentSource, outlet: String, url: String?, canonicalUrl: String?,
        publishedAt: Timestamp, author: String?, title: String?, reach: Int64?, addedAt: Timestamp
    ) {
        self.incidentId = incidentId
        self.source = source
        self.outlet = outlet
        self.url = url
        self.canonicalUrl = canonicalUrl
        self.publishedAt = publishedAt
        self.author = author
        self.title = title
        self.reach = reach
        self.addedAt = addedAt
    }
}
