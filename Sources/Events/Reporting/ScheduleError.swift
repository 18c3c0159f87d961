/// Why a schedule, or a question put to it, was refused; each message says what is wrong.
public enum ScheduleError: Error, Sendable, Hashable {
    /// The due day is outside 1–31.
    case dueDayOutOfRange(Int)
    /// The due month offset is outside 0–12.
    case dueMonthOffsetOutOfRange(Int)
    /// The period is not of the kind the schedule reports on (a week for a monthly schedule).
    case periodKindMismatch(expected: Period.Kind, period: Period)
    /// A one-off schedule was asked about a period other than its one period.
    case notTheOneOffPeriod(expected: Period, period: Period)
    /// A range of periods ends before it starts.
    case rangeReversed(from: Period, through: Period)
    /// A range of periods holds more than `Schedule.maximumPeriodCount` periods.
    case tooManyPeriods(from: Period, through: Period, limit: Int)
    /// The period's deadline would fall after 9999-12-31.
    case deadlineOutsideCalendar(Period)
    /// The instant's local date is outside 0001–9999.
    case instantOutsideCalendar(Timestamp)
}

extension ScheduleError: CustomStringConvertible {
    /// A sentence saying what is wrong, for logs and problem details.
    public var description: String {
        switch self {
        case .dueDayOutOfRange(let day):
            return "due day \(day) is outside 1–31 (29–31 mean the month's last day in shorter months)"
        case .dueMonthOffsetOutOfRange(let offset):
            return "due month offset \(offset) is outside 0–12 (0 is the period's last month, 1 the month after)"
        case .periodKindMismatch(let expected, let period):
            return "this schedule has one report per \(expected.noun); \(period) is \(period.kind.nounWithArticle)"
        case .notTheOneOffPeriod(let expected, let period):
            return "this one-off schedule's only period is \(expected), not \(period)"
        case .rangeReversed(let from, let through):
            return "the range \(from) through \(through) ends before it starts"
        case .tooManyPeriods(let from, let through, let limit):
            return "\(from) through \(through) is more than \(limit) periods; ask for a shorter range"
        case .deadlineOutsideCalendar(let period):
            return "the deadline for \(period) would fall after 9999-12-31"
        case .instantOutsideCalendar(let instant):
            return "\(instant) is outside the years 0001–9999"
        }
    }
}

extension Period.Kind {
    /// The kind in words, for messages.
    var noun: String {
        switch self {
        case .month: "month"
        case .week: "ISO week"
        case .quarter: "quarter"
        case .halfYear: "half-year"
        case .nineMonths: "nine-month period"
        case .year: "year"
        case .oneOff: "one-off period"
        }
    }

    /// The kind in words after "a" or "an".
    var nounWithArticle: String {
        self == .week ? "an \(noun)" : "a \(noun)"
    }
}
