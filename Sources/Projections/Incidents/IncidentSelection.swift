import Events

/// Which incidents a reader needs, so PostgreSQL leaves the others out (indexes on the
/// versions' `units`, `open` and `last_event_at` columns) and only those states are decoded.
public struct IncidentSelection: Sendable, Hashable {
    /// Incidents that concern one of these units (named, assigned, escalated from or to); nil = any.
    public var concerning: Set<String>?
    /// Only incidents open at the position.
    public var openOnly = false
    /// Only incidents open at the position or whose last event there happened at or after this instant.
    public var openOrActiveSince: Timestamp?

    /// Every incident.
    public static let all = IncidentSelection()

    /// Creates a selection.
    public init(concerning: Set<String>? = nil, openOnly: Bool = false, openOrActiveSince: Timestamp? = nil) {
        self.concerning = concerning
        self.openOnly = openOnly
        self.openOrActiveSince = openOrActiveSince
    }
}
