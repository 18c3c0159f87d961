import Events

/// The Thursday of an ISO week, for the weekly demo reports.
enum LocalDateOfISOWeek {
    static func thursday(year: Int, week: Int) -> LocalDate? {
        guard let period = try? Period.week(year: year, week: week) else { return nil }
        return period.firstDay.adding(days: 3)
    }
}
