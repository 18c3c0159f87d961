import Foundation

/// Each period's deadline: a report first filed strictly before it is on time, one filed at or after it late.
extension Schedule {
    /// The instant `period`'s report is due, reckoning the due date and time as a wall clock in `timeZone`
    /// shows them: `.monthly(dueDay: 23)` for 2024-10 in Asia/Ho_Chi_Minh is 2024-10-22T17:00:00Z. A
    /// `.by` due day at 00:00 is the end of the due date: `.monthly(dueDay: .by(20))` for 2024-10 is
    /// 2024-10-20T17:00:00Z (00:00 on the 21st, local).
    public func deadline(for period: Period, timeZone: TimeZone) throws(ScheduleError) -> Timestamp {
        let date = try dueDate(for: period)
        if let terms = monthlyTerms, terms.dueDay.isEndOfDay, dueTime == .midnight {
            guard let next = date.adding(days: 1) else { throw .deadlineOutsideCalendar(period) }
            return next.instant(at: .midnight, in: timeZone)
        }
        return date.instant(at: dueTime, in: timeZone)
    }

    /// The local date `period`'s report is due on (at `dueTime`, or by its end for a `.by` due day at
    /// 00:00); throws when the schedule is invalid or the period is not one of its periods.
    public func dueDate(for period: Period) throws(ScheduleError) -> LocalDate {
        try validate()
        try checkKind(of: period)
        switch (self, period.value) {
        case (.weekly(let weekday, _), .week):
            guard let date = period.firstDay.adding(days: weekday.isoNumber - 1) else {
                throw .deadlineOutsideCalendar(period)
            }
            return date
        case (.oneOff(let dueDate, _), _):
            return dueDate
        default:
            // Every other kind is made of whole months and has a due day and month offset.
            let terms = monthlyTerms!
            let (year, month) = Period.yearAndMonth(period.months!.upperBound + terms.dueMonthOffset)
            guard LocalDate.years.contains(year) else { throw .deadlineOutsideCalendar(period) }
            let day = min(terms.dueDay.day, LocalDate.numberOfDays(inMonth: month, year: year))
            return LocalDate(uncheckedYear: year, month: month, day: day)
        }
    }

    /// Throws unless `period` is of the kind this schedule reports on (and, for a one-off, is its period).
    func checkKind(of period: Period) throws(ScheduleError) {
        guard period.kind == periodKind else { throw .periodKindMismatch(expected: periodKind, period: period) }
        if case .oneOff(let dueDate, _) = self, period != .oneOff(dueDate) {
            throw .notTheOneOffPeriod(expected: .oneOff(dueDate), period: period)
        }
    }
}
