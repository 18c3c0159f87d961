/// One unit's duty to report under one obligation for one period: the consistency boundary of
/// reporting. Its stream holds the filing, amendments, returns, re-submissions, acceptance and any
/// excusal, so a second filing for the same duty is refused by the log itself.
public struct ReportingDuty: Sendable, Hashable, Codable, CustomStringConvertible {
    public var obligationId: String
    public var unitId: String
    public var period: Period

    /// Creates a duty.
    public init(obligationId: String, unitId: String, period: Period) {
        self.obligationId = obligationId
        self.unitId = unitId
        self.period = period
    }

    /// The duty's stream: `duty:<obligation>:<unit>:<period>`.
    public var streamId: StreamID? { StreamID("duty:\(obligationId):\(unitId):\(period)") }

    public var description: String { "\(obligationId)/\(unitId)/\(period)" }
}

/// How a report reached the recipient.
public enum ReportChannel: String, Sendable, Hashable, Codable, CaseIterable {
    /// Filed through this service by the reporting unit.
    case api
    /// Delivered on paper and recorded here by the recipient.
    case paper
    /// Received through the provincial document system and recorded here by the recipient.
    case documentSystem
}
