import Foundation

extension ClockAllowance {
    /// When a clock started at `start` with this allowance is due, reckoning local dates in `timeZone`;
    /// nil when the date leaves the calendar.
    public func dueAt(from start: Timestamp, in timeZone: TimeZone) -> Timestamp? {
        let hour: Int64 = 3_600_000_000
        switch unit {
        case .hours: return start.adding(microseconds: Int64(amount) * hour)
        case .days, .nextIssue: return start.adding(microseconds: Int64(amount) * 24 * hour)
        case .immediately:
            guard let date = LocalDate(start, in: timeZone), let next = date.adding(days: 1) else { return nil }
            return next.instant(at: .midnight, in: timeZone)
        case .workingDays:
            guard let startDate = LocalDate(start, in: timeZone),
                let dueDate = startDate.addingWorkingDays(amount)
            else { return nil }
            let offset = start.microsecondsSinceEpoch - startDate.instant(at: .midnight, in: timeZone).microsecondsSinceEpoch
            return dueDate.instant(at: .midnight, in: timeZone).adding(microseconds: offset)
        }
    }
}

extension LocalDate {
    /// Whether this is a working day: Monday to Friday (public holidays are not modelled).
    public var isWorkingDay: Bool { weekday != .saturday && weekday != .sunday }

    /// The date `count` working days later: each following Monday–Friday date counts one.
    public func addingWorkingDays(_ count: Int) -> LocalDate? {
        var date = self
        var left = count
        while left > 0 {
            guard let next = date.adding(days: 1) else { return nil }
            date = next
            if date.isWorkingDay { left -= 1 }
        }
        return date
    }
}

extension Timestamp {
    /// The instant `microseconds` later (saturating at the ends of the scale).
    public func adding(microseconds: Int64) -> Timestamp {
        let (sum, overflow) = microsecondsSinceEpoch.addingReportingOverflow(microseconds)
        return Timestamp(microsecondsSinceEpoch: overflow ? (microseconds > 0 ? .max : .min) : sum)
    }
}
