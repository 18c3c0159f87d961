/// The day of the month a periodic report is due, in the two ways directives say it: "before the
/// 23rd" (`.before(23)`: due at 00:00 — or the schedule's due time — on the 23rd) and "no later than
/// the 20th" (`.by(20)`: due at the end of the 20th, 00:00 on the 21st; with a due time other than
/// 00:00, at that time on the 20th). Either day is the month's last day in a shorter month, so
/// `.by(30)` in February is the end of 28 or 29 February and `.by(31)` is "by the month's end".
public enum DueDay: Sendable, Hashable, ExpressibleByIntegerLiteral, CustomStringConvertible {
    /// Due at the schedule's time on day N ("before the Nth" at 00:00).
    case before(Int)
    /// Due at the end of day N, or at the schedule's time on day N when that is not 00:00.
    case by(Int)

    /// "By the month's end": the end of the month's last day.
    public static let monthEnd = DueDay.by(31)

    /// A plain number is the "before the Nth" form, as schedules have always stored `dueDay`.
    public init(integerLiteral value: Int) {
        self = .before(value)
    }

    /// The day of the month named (1–31).
    public var day: Int {
        switch self {
        case .before(let day), .by(let day): day
        }
    }

    /// Whether a 00:00 due time means the end of the day rather than its start.
    public var isEndOfDay: Bool {
        if case .by = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .before(let day): "before day \(day)"
        case .by(let day): "by day \(day)"
        }
    }
}
