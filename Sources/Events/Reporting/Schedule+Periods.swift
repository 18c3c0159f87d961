import Foundation

/// Which periods a schedule has: the one holding a date, those in a range, and the next one due.
extension Schedule {
    /// The schedule's period that holds `date` (its month, ISO week, quarter, …; for nine months the
    /// date's year's). A one-off schedule has one period, so every date gives that one.
    public func period(containing date: LocalDate) -> Period {
        if case .oneOff(let dueDate, _) = self { return .oneOff(dueDate) }
        return Period(periodKind, containing: date)
    }

    /// The schedule's periods from `first` through `last`, both included, in order; at most
    /// `Schedule.maximumPeriodCount`, so a careless range cannot exhaust memory.
    public func periods(from first: Period, through last: Period) throws(ScheduleError) -> [Period] {
        guard first.kind == periodKind else { throw .periodKindMismatch(expected: periodKind, period: first) }
        guard last.kind == periodKind else { throw .periodKindMismatch(expected: periodKind, period: last) }
        guard first <= last else { throw .rangeReversed(from: first, through: last) }
        if case .oneOff(let dueDate, _) = self {
            let only = Period.oneOff(dueDate)
            return first <= only && only <= last ? [only] : []
        }
        var periods = [first]
        while let current = periods.last, current != last, let next = current.next {
            guard periods.count < Self.maximumPeriodCount else {
                throw .tooManyPeriods(from: first, through: last, limit: Self.maximumPeriodCount)
            }
            periods.append(next)
        }
        return periods
    }

    /// The earliest period whose deadline is after `instant` ("what is due next"); nil only for a one-off
    /// schedule whose deadline has passed. With a month offset that can be an earlier period than today's.
    public func periodDue(after instant: Timestamp, timeZone: TimeZone) throws(ScheduleError) -> Period? {
        try validate()
        guard let today = LocalDate(instant, in: timeZone) else { throw .instantOutsideCalendar(instant) }
        if case .oneOff(let dueDate, _) = self {
            let only = Period.oneOff(dueDate)
            return try deadline(for: only, timeZone: timeZone) > instant ? only : nil
        }
        // Deadlines rise period by period, so start early enough that every period before the start was
        // due before `instant`, and walk forward to the first one due after it.
        var period = Period(periodKind, containing: earliestStart(from: today))
        while try deadline(for: period, timeZone: timeZone) <= instant {
            guard let next = period.next else { throw .deadlineOutsideCalendar(period) }
            period = next
        }
        return period
    }

    /// A date whose period was due before `today`, as were all periods before it: two weeks back for a
    /// weekly schedule, otherwise the month offset and two months more.
    private func earliestStart(from today: LocalDate) -> LocalDate {
        guard let terms = monthlyTerms else { return today.adding(days: -14) ?? .earliest }
        let month = today.year * 12 + today.month - 1 - terms.dueMonthOffset - 2
        let (year, monthOfYear) = Period.yearAndMonth(month)
        return LocalDate(year: year, month: monthOfYear, day: 1) ?? .earliest
    }
}
