/// Day arithmetic, weekdays and ISO 8601 weeks, all on a count of days since 1970-01-01.
extension LocalDate {
    /// Days since 1970-01-01 (negative before it), the scale dates are added on.
    var dayNumber: Int {
        Int(Timestamp.days(year: Int64(year), month: Int64(month), day: Int64(day)))
    }

    /// The date `dayNumber` days after 1970-01-01, or nil outside 0001-01-01...9999-12-31.
    init?(dayNumber: Int) {
        guard (Self.earliest.dayNumber...Self.latest.dayNumber).contains(dayNumber) else { return nil }
        let (year, month, day) = Timestamp.civil(fromDays: Int64(dayNumber))
        self.init(uncheckedYear: Int(year), month: Int(month), day: Int(day))
    }

    /// The date `days` days later (earlier when negative), or nil when that leaves 0001–9999.
    public func adding(days: Int) -> LocalDate? {
        let (sum, overflow) = dayNumber.addingReportingOverflow(days)
        return overflow ? nil : LocalDate(dayNumber: sum)
    }

    /// How many days `later` is after this date (negative when it is before).
    public func days(until later: LocalDate) -> Int {
        later.dayNumber - dayNumber
    }

    /// The day of the week.
    public var weekday: Weekday {
        Self.weekday(ofDayNumber: dayNumber)
    }

    /// The ISO 8601 week-numbering year: the year of this week's Thursday, so 2024-12-30 is in 2025.
    public var isoWeekYear: Int {
        isoWeek.year
    }

    /// The ISO 8601 week number, 1–53: week 1 is the week (Monday to Sunday) holding its year's first Thursday.
    public var isoWeekNumber: Int {
        isoWeek.week
    }

    /// How many ISO weeks `weekYear` has: 53 when it starts on a Thursday, or on a Wednesday in a leap
    /// year (2020, 2026), otherwise 52.
    public static func numberOfISOWeeks(inYear weekYear: Int) -> Int {
        let newYear = weekday(ofDayNumber: Int(Timestamp.days(year: Int64(weekYear), month: 1, day: 1)))
        return newYear == .thursday || (newYear == .wednesday && isLeapYear(weekYear)) ? 53 : 52
    }

    /// The day number of the Monday that starts ISO week 1 of `weekYear` (the week holding 4 January).
    static func dayNumberOfFirstISOMonday(inYear weekYear: Int) -> Int {
        let fourthOfJanuary = Int(Timestamp.days(year: Int64(weekYear), month: 1, day: 4))
        return fourthOfJanuary - (weekday(ofDayNumber: fourthOfJanuary).isoNumber - 1)
    }

    private var isoWeek: (year: Int, week: Int) {
        let thursday = dayNumber - weekday.isoNumber + 4
        let (year, _, _) = Timestamp.civil(fromDays: Int64(thursday))
        let newYear = Int(Timestamp.days(year: year, month: 1, day: 1))
        return (Int(year), (thursday - newYear) / 7 + 1)
    }

    private static func weekday(ofDayNumber days: Int) -> Weekday {
        // 1970-01-01 was a Thursday (ISO 4); the remainder is floored so days before 1970 work too.
        let remainder = (days + 3) % 7
        return Weekday(isoNumber: (remainder < 0 ? remainder + 7 : remainder) + 1)!
    }
}
