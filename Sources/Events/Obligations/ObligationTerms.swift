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
    /// How each period's data window is set; nil for the default (see `dataWindow(for:)`). Absent from
    /// events written before windows could be set, which therefore keep the default.
    public var dataWindow: DataWindowRule?

    /// Creates terms.
    public init(
        title: String, description: String? = nil, reporters: ReporterSelection, recipientUnitId: String,
        schedule: Schedule, timeZone: String = defaultTimeZone,
        confidentialAllowed: Bool = false, dataWindow: DataWindowRule? = nil
    ) {
        self.title = title
        self.description = description
        self.reporters = reporters
        self.recipientUnitId = recipientUnitId
        self.schedule = schedule
        self.timeZone = timeZone
        self.confidentialAllowed = confidentialAllowed
        self.dataWindow = dataWindow
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

    /// The days whose data `period`'s report covers — the one place windows are computed (the resource's
    /// `dataWindow`, `dataWindowOpens(for:)` and the Art. 8(5) check all come here). The rule set on the
    /// terms, or by default: Decree 09/2019 Art. 12's window for the kinds counted in months (15th of
    /// the month before the period to the 14th of its last month), the seven days before the due day
    /// for a weekly schedule (Thursday to Wednesday for a Thursday deadline), and its own day for a
    /// one-off. Windows are cut at 0001-01-01 and 9999-12-31.
    public func dataWindow(for period: Period) -> DataWindow {
        switch (dataWindow, period.months) {
        case (.cutOffDay(let day), let months?):
            return Self.window(cutOffDay: day, months: months)
        case (nil, let months?) where schedule.periodKind != .oneOff:
            return Self.window(cutOffDay: 14, months: months)
        case (.cutOffDaysBeforeDue(let days), nil) where period.kind == .week:
            return weekWindow(for: period, daysBeforeDue: days)
        case (nil, nil) where period.kind == .week && schedule.periodKind == .week:
            return weekWindow(for: period, daysBeforeDue: 1)
        default:
            return .standard(for: period)
        }
    }

    /// The window ending on day `day` of the months' last month and opening the day after day `day` of
    /// the month before their first.
    private static func window(cutOffDay day: Int, months: ClosedRange<Int>) -> DataWindow {
        func dayOf(_ month: Int) -> LocalDate? {
            let (year, monthOfYear) = Period.yearAndMonth(month)
            guard LocalDate.years.contains(year) else { return nil }
            return LocalDate(year: year, month: monthOfYear, day: min(day, LocalDate.numberOfDays(inMonth: monthOfYear, year: year)))
        }
        let from = dayOf(months.lowerBound - 1)?.adding(days: 1) ?? .earliest
        let to = dayOf(months.upperBound) ?? .latest
        return DataWindow(from: from, to: max(from, to))!
    }

    /// The seven days ending `days` before the week's due date.
    private func weekWindow(for period: Period, daysBeforeDue days: Int) -> DataWindow {
        guard let due = try? schedule.dueDate(for: period), let to = due.adding(days: -days) else { return .standard(for: period) }
        return DataWindow(from: to.adding(days: -6) ?? .earliest, to: to)!
    }
}
