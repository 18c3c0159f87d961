/// The incident was resolved, with what was done.
public struct IncidentResolved: DomainEvent, Hashable {
    public static let eventType = "IncidentResolved"
    public static let schemaVersion: Int32 = 1
    public var incidentId: String
    public var resolution: String
    public var resolvedAt: Timestamp

    /// Creates the event.
    public init(incidentId: String, resolution: String, resolvedAt: Timestamp) {
        self.incidentId = incidentId
        self.resolution = resolution
        self.resolvedAt = resolvedAt
    }
}

/// A resolved or closed incident was opened again.
public struct IncidentReopened: DomainEvent, Hashable {
    public static let eventType = "IncidentReopened"
    public static let schemaVersion: Int32 = 1
    public var incidentId: String
    public var reason: String
    public var reopenedAt: Timestamp

    /// Creates the event.
    public init(incidentId: String, reason: String, reopenedAt: Timestamp) {
        self.incidentId = incidentId
        self.reason = reason
        self.reopenedAt = reopenedAt
    }
}

/// A resolved incident was closed: the file is done.
public struct IncidentClosed: DomainEvent, Hashable {
    public static let eventType = "IncidentClosed"
    public static let schemaVersion: Int32 = 1
    public var incidentId: String
    public var closedAt: Timestamp

    /// Creates the event.
    public init(incidentId: String, closedAt: Timestamp) {
        self.incidentId = incidentId
        self.closedAt = closedAt
    }
}

/// The incident was absorbed into another (`into`, the survivor); written on the absorbed incident's
/// stream, which refuses every command afterwards.
public struct IncidentMerged: DomainEvent, Hashable {
    public static let eventType = "IncidentMerged"
    public static let schemaVersion: Int32 = 1
    public var incidentId: String
    public var into: String
    public var reason: String?
    public var mergedAt: Timestamp

    /// Creates the event.
    public init(incidentId: String, into: String, reason: String?, mergedAt: Timestamp) {
        self.incidentId = incidentId
        self.into = into
        self.reason = reason
        self.mergedAt = mergedAt
    }
}
