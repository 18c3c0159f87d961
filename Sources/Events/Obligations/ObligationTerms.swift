import Foundation

/// What an obligation asks for, from one period on: who reports what to whom, on which schedule, over
/// in which time zone, and whether confidential content is allowed.
public struct ObligationTerms: Sendable, Hashable, Codable {
    /// The zone used when none is given.
    public static let defaultTimeZone = "Asia/Ho_Chi_Minh"

    /// What the report is about, e.g. "Monthly report on grasping and resolving public opinion".
    public var title: String
    /// Longer notes on content or template.
    public var description: String?
    /// Who must report.
    public var reporters: ReporterSelection
    /// The unit the reports go to (it consolidates them; it never reports to itself).
    public var recipientUnitId: String
    /// When reports fall due.
    public var schedule: Schedule
    /// The IANA id of the zone deadlines are reckoned in.
    public var timeZone: String
    /// Whether reports may hold confidential (mật) content, which travels on a separate track.
    public var confidentialAllowed: Bool

    /// Creates terms.
    public init(
        title: String, description: String? = nil, reporters: ReporterSelection, recipientUnitId: String,
        schedule: Schedule, timeZone: String = defaultTimeZone,
        confidentialAllowed: Bool = false
    ) {
        self.title = title
        self.description = description
        self.reporters = reporters
        self.recipientUnitId = recipientUnitId
        self.schedule = schedule
        self.timeZone = timeZone
        self.confidentialAllowed = confidentialAllowed
    }

    /// The zone deadlines are reckoned in (the default zone if the id is unknown, which the decider prevents).
    public var zone: TimeZone {
        TimeZone(identifier: timeZone) ?? LedgerClock.vietnam
    }

    /// Whether `identifier` is an IANA zone this system knows.
    public static func isKnownTimeZone(_ identifier: String) -> Bool {
        knownTimeZones.contains(identifier)
    }

    private static let knownTimeZones = Set(TimeZone.knownTimeZoneIdentifiers)

    /// The instant `period`'s report is due under these terms.
    public func deadline(for period: Period) throws(ScheduleError) -> Timestamp {
        try schedule.deadline(for: period, timeZone: zone)
    }

    /// The days whose data `period`'s report covers: always Decree 09/2019 Art. 12's standard window
    /// (custom windows are not offered yet).
    public func dataWindow(for period: Period) -> DataWindow {
        .standard(for: period)
    }
}
