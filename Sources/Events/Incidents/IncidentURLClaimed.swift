/// A canonical URL was claimed for an incident: the first event of the URL's claim stream, appended
/// with `expectedVersion: .noStream`, so exactly one incident owns each URL however many logs of it
/// race. Later logs of the URL become sightings of the owner (or of the incident it was merged into).
public struct IncidentURLClaimed: DomainEvent, Hashable {
    public static let eventType = "IncidentURLClaimed"
    public static let schemaVersion: Int32 = 1
    public var canonicalUrl: String
    public var incidentId: String
    public var claimedAt: Timestamp

    /// Creates the event.
    public init(canonicalUrl: String, incidentId: String, claimedAt: Timestamp) {
        self.canonicalUrl = canonicalUrl
        self.incidentId = incidentId
        self.claimedAt = claimedAt
    }

    /// The claim streams' prefix: `urlclaim-<hex SHA-256 of the canonical URL>` (the hash is taken at
    /// the edge, where a hash function is available).
    public static let streamPrefix = "urlclaim-"
}
