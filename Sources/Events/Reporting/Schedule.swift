/// When an obligation's reports fall due: the kind of period reported on, and the day and time of each
/// period's deadline. "Before the 23rd of every month" is `.monthly(dueDay: 23)` (`.before(23)`): due at
/// 00:00 on the 23rd; "no later than the 20th" is `.monthly(dueDay: .by(20))`: due at the end of the 20th;
/// "monthly" with no day is `.monthly(dueDay: .monthEnd)`: due by the end of the month's last day.
public enum Schedule: Sendable, Hashable {
    /// One report per month, due on `dueDay` of the month `dueMonthOffset` months after the period's
    /// (0: the period's own month) at `dueTime`.
    case monthly(dueDay: DueDay, dueTime: LocalTime = .midnight, dueMonthOffset: Int = 0)
    /// One report per ISO week, due on `dueWeekday` of that week at `dueTime` ("before 15:00 every Thursday").
    case weekly(dueWeekday: Weekday, dueTime: LocalTime = .midnight)
    /// One report per quarter, due on `dueDay` of its last month (plus `dueMonthOffset` months) at `dueTime`.
    case quarterly(dueDay: DueDay, dueTime: LocalTime = .midnight, dueMonthOffset: Int = 0)
    /// One report per half-year, due on `dueDay` of June or December (plus `dueMonthOffset` months) at `dueTime`.
    case sixMonthly(dueDay: DueDay, dueTime: LocalTime = .midnight, dueMonthOffset: Int = 0)
    /// One report on January–September each year, due on `dueDay` of September (plus `dueMonthOffset`
    /// months) at `dueTime`.
    case nineMonths(dueDay: DueDay, dueTime: LocalTime = .midnight, dueMonthOffset: Int = 0)
    /// One report per year, due on `dueDay` of December (plus `dueMonthOffset` months) at `dueTime`.
    case annual(dueDay: DueDay, dueTime: LocalTime = .midnight, dueMonthOffset: Int = 0)
    /// A single ad hoc report, whose one period is named by `dueDate`, due on that date at `dueTime` (00:00 if none).
    case oneOff(dueDate: LocalDate, dueTime: LocalTime? = nil)

    /// The due days a schedule accepts. 29, 30 and 31 mean the month's last day in a shorter month
    /// (`dueDay: 31` falls on 29 February 2024, 30 April; `.by(30)` is the end of 29 February 2024).
    public static let dueDays = 1...31
    /// The month offsets a schedule accepts: from the period's last month up to a year after it.
    public static let dueMonthOffsets = 0...12
    /// The most periods `periods(from:through:)` lists at once.
    public static let maximumPeriodCount = 1_000

    /// The kind of period this schedule has one report for.
    public var periodKind: Period.Kind {
        switch self {
        case .monthly: .month
        case .weekly: .week
        case .quarterly: .quarter
        case .sixMonthly: .halfYear
        case .nineMonths: .nineMonths
        case .annual: .year
        case .oneOff: .oneOff
        }
    }

    /// The time of day deadlines fall at.
    public var dueTime: LocalTime {
        switch self {
        case .monthly(_, let time, _), .weekly(_, let time), .quarterly(_, let time, _),
            .sixMonthly(_, let time, _), .nineMonths(_, let time, _), .annual(_, let time, _):
            time
        case .oneOff(_, let time): time ?? .midnight
        }
    }

    /// The due day and month offset of the periodic kinds counted in months; nil for weekly and one-off.
    var monthlyTerms: (dueDay: DueDay, dueMonthOffset: Int)? {
        switch self {
        case .monthly(let day, _, let offset), .quarterly(let day, _, let offset),
            .sixMonthly(let day, _, let offset), .nineMonths(let day, _, let offset), .annual(let day, _, let offset):
            (day, offset)
        case .weekly, .oneOff: nil
        }
    }

    /// Checks the due day (1–31) and the month offset (0–12).
    public func validate() throws(ScheduleError) {
        guard let terms = monthlyTerms else { return }
        guard Self.dueDays.contains(terms.dueDay.day) else { throw .dueDayOutOfRange(terms.dueDay.day) }
        guard Self.dueMonthOffsets.contains(terms.dueMonthOffset) else {
            throw .dueMonthOffsetOutOfRange(terms.dueMonthOffset)
        }
    }
}
