/// When a rule applies to an incident's clock: every member given must hold; an empty condition
/// always holds.
public struct ClockCondition: Sendable, Hashable, Codable {
    /// The incident's severity must be at least this…
    public var minimumSeverity: IncidentSeverity?
    /// …unless this is true and the incident is flagged as a hot spot.
    public var hotSpotQualifies: Bool?
    /// For outlet corrections: how often the outlet publishes.
    public var outletPeriodicity: OutletPeriodicity?

    /// Creates a condition.
    public init(minimumSeverity: IncidentSeverity? = nil, hotSpotQualifies: Bool? = nil, outletPeriodicity: OutletPeriodicity? = nil) {
        self.minimumSeverity = minimumSeverity
        self.hotSpotQualifies = hotSpotQualifies
        self.outletPeriodicity = outletPeriodicity
    }

    /// Always holds.
    public static let always = ClockCondition()

    /// Whether an incident of `severity` (hot spot or not) and, for a correction, an outlet of
    /// `periodicity`, meets the condition.
    public func holds(severity: IncidentSeverity, hotSpot: Bool, periodicity: OutletPeriodicity?) -> Bool {
        if let minimumSeverity, severity < minimumSeverity, !(hotSpotQualifies == true && hotSpot) { return false }
        if let outletPeriodicity, periodicity != outletPeriodicity { return false }
        return true
    }
}
