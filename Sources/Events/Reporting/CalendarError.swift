/// Why a date or a time of day was refused; each message names the value and the rule it breaks.
public enum CalendarError: Error, Sendable, Hashable {
    /// The text is not `YYYY-MM-DD` (four, two and two ASCII digits).
    case malformedDate(String)
    /// The parts do not name a day of the calendar (month 13, 31 April, 29 February outside a leap year,
    /// a year outside 0001–9999).
    case nonexistentDate(year: Int, month: Int, day: Int)
    /// The text is not `HH:MM` (two and two ASCII digits).
    case malformedTime(String)
    /// The parts do not name a time of day (hour 24, minute 60).
    case nonexistentTime(hour: Int, minute: Int)
}

extension CalendarError: CustomStringConvertible {
    /// A sentence naming the value and the rule it breaks, for logs and problem details.
    public var description: String {
        switch self {
        case .malformedDate(let text):
            return "'\(text)' is not a date; write YYYY-MM-DD, e.g. 2024-10-23"
        case .nonexistentDate(let year, let month, let day):
            guard LocalDate.years.contains(year) else { return "year \(year) is outside 0001–9999" }
            guard (1...12).contains(month) else { return "month \(month) does not exist; months are 01–12" }
            let length = LocalDate.numberOfDays(inMonth: month, year: year)
            if month == 2, day == 29, !LocalDate.isLeapYear(year) {
                return "\(year) is not a leap year, so it has no 29 February"
            }
            return "\(LocalDate.digits(year, 4))-\(LocalDate.digits(month, 2)) has \(length) days, so day \(day) does not exist"
        case .malformedTime(let text):
            return "'\(text)' is not a time of day; write HH:MM, e.g. 15:00"
        case .nonexistentTime(let hour, let minute):
            return "\(hour):\(minute) is not a time of day; hours are 00–23 and minutes 00–59"
        }
    }
}
