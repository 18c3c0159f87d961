/// One running (or finished) clock on an incident: which rule set it, when it started, when it is
/// due, whether it was met, and whether it is overdue or was met late.
public struct IncidentClock: Sendable, Hashable, Codable {
    /// Where the clock stands.
    public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
        /// Not met yet, not past due, incident open.
        case running
        /// Met on time.
        case met
        /// Met after it was due.
        case late
        /// Not met and past due.
        case overdue
        /// Not met, and the incident left `open` before it was due.
        case stopped
    }

    public var clock: ClockKind
    /// The rule version that set it (nil for `verification`).
    public var ruleId: String?
    public var legalBasis: String?
    /// For `outletCorrection`: the correction request it runs for.
    public var responseId: String?
    public var startedAt: Timestamp
    /// When it is due (nil when the rule gives no computable due time).
    public var dueAt: Timestamp?
    public var metAt: Timestamp?
    /// Not met and past due (counting only while the incident was open).
    public var overdue: Bool
    /// Met after it was due.
    public var late: Bool
    public var status: Status

    /// Creates a clock.
    public init(
        clock: ClockKind, ruleId: String?, legalBasis: String?, responseId: String? = nil, startedAt: Timestamp,
        dueAt: Timestamp?, metAt: Timestamp?, overdue: Bool, late: Bool, status: Status
    ) {
        self.clock = clock
        self.ruleId = ruleId
        self.legalBasis = legalBasis
        self.responseId = responseId
        self.startedAt = startedAt
        self.dueAt = dueAt
        self.metAt = metAt
        self.overdue = overdue
        self.late = late
        self.status = status
    }
}
