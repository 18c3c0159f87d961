/// Why a period was refused; each message names the value and the rule it breaks.
public enum PeriodError: Error, Sendable, Hashable {
    /// The text is in none of the period forms.
    case unrecognised(String)
    /// The year is outside 0001–9999.
    case yearOutOfRange(Int)
    /// The month is outside 1–12.
    case monthOutOfRange(Int)
    /// The week is outside 1 to the number of ISO weeks its year has (52 or 53).
    case weekOutOfRange(year: Int, week: Int, weeksInYear: Int)
    /// The quarter is outside 1–4.
    case quarterOutOfRange(Int)
    /// The half-year is neither 1 nor 2.
    case halfYearOutOfRange(Int)
    /// A one-off period's date does not exist.
    case invalidDate(CalendarError)
}

extension PeriodError: CustomStringConvertible {
    /// A sentence naming the value and the rule it breaks, for logs and problem details.
    public var description: String {
        switch self {
        case .unrecognised(let text):
            return "'\(text)' is not a period; write a month 2024-10, an ISO week 2024-W42, a quarter 2024-Q3, "
                + "a half-year 2024-H1, nine months 2024-9M, a year 2024 or a one-off date 2024-10-05"
        case .yearOutOfRange(let year):
            return "year \(year) is outside 0001–9999"
        case .monthOutOfRange(let month):
            return "month \(month) does not exist; months are 01–12"
        case .weekOutOfRange(let year, let week, let weeks):
            return "\(LocalDate.digits(year, 4)) has \(weeks) ISO weeks (W01–W\(weeks)), so week \(week) does not exist"
        case .quarterOutOfRange(let quarter):
            return "quarter \(quarter) does not exist; quarters are Q1–Q4"
        case .halfYearOutOfRange(let half):
            return "half-year \(half) does not exist; half-years are H1 and H2"
        case .invalidDate(let error):
            return error.description
        }
    }
}
