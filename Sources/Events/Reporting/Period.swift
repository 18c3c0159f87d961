/// A reporting period (kỳ báo cáo), with one readable form everywhere: a month `2024-10`, an ISO week
/// `2024-W42`, a quarter `2024-Q3`, a half-year `2024-H1`, nine months `2024-9M`, a year `2024`, or a
/// one-off period named by its date `2024-10-05`.
public struct Period: Sendable, Hashable {
    /// Which calendar unit a period is.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case month, week, quarter, halfYear, nineMonths, year, oneOff
    }

    enum Value: Sendable, Hashable {
        case month(year: Int, month: Int)
        case week(year: Int, week: Int)
        case quarter(year: Int, quarter: Int)
        case halfYear(year: Int, half: Int)
        case nineMonths(year: Int)
        case year(Int)
        case oneOff(LocalDate)
    }

    let value: Value

    init(value: Value) {
        self.value = value
    }

    /// The month `month` (1–12) of `year`, e.g. `2024-10`.
    public static func month(year: Int, month: Int) throws(PeriodError) -> Period {
        try checkYear(year)
        guard (1...12).contains(month) else { throw .monthOutOfRange(month) }
        return Period(value: .month(year: year, month: month))
    }

    /// ISO 8601 week `week` of the week-numbering year `year`, e.g. `2024-W42`; 2020 and 2026 have a W53.
    public static func week(year: Int, week: Int) throws(PeriodError) -> Period {
        try checkYear(year)
        let weeks = LocalDate.numberOfISOWeeks(inYear: year)
        guard (1...weeks).contains(week) else { throw .weekOutOfRange(year: year, week: week, weeksInYear: weeks) }
        return Period(value: .week(year: year, week: week))
    }

    /// Quarter `quarter` (1–4) of `year`, e.g. `2024-Q3`.
    public static func quarter(year: Int, quarter: Int) throws(PeriodError) -> Period {
        try checkYear(year)
        guard (1...4).contains(quarter) else { throw .quarterOutOfRange(quarter) }
        return Period(value: .quarter(year: year, quarter: quarter))
    }

    /// Half-year `half` (1: January–June, 2: July–December) of `year`, e.g. `2024-H1`.
    public static func halfYear(year: Int, half: Int) throws(PeriodError) -> Period {
        try checkYear(year)
        guard (1...2).contains(half) else { throw .halfYearOutOfRange(half) }
        return Period(value: .halfYear(year: year, half: half))
    }

    /// The first nine months (January–September) of `year`, e.g. `2024-9M`.
    public static func nineMonths(year: Int) throws(PeriodError) -> Period {
        try checkYear(year)
        return Period(value: .nineMonths(year: year))
    }

    /// The whole of `year`, e.g. `2024`.
    public static func year(_ year: Int) throws(PeriodError) -> Period {
        try checkYear(year)
        return Period(value: .year(year))
    }

    /// A one-off period named by its date, e.g. `2024-10-05`.
    public static func oneOff(_ date: LocalDate) -> Period {
        Period(value: .oneOff(date))
    }

    private static func checkYear(_ year: Int) throws(PeriodError) {
        guard LocalDate.years.contains(year) else { throw .yearOutOfRange(year) }
    }

    /// Which calendar unit this period is.
    public var kind: Kind {
        switch value {
        case .month: .month
        case .week: .week
        case .quarter: .quarter
        case .halfYear: .halfYear
        case .nineMonths: .nineMonths
        case .year: .year
        case .oneOff: .oneOff
        }
    }

    /// The year the period belongs to; for a week, its ISO week-numbering year.
    public var year: Int {
        switch value {
        case .month(let year, _), .week(let year, _), .quarter(let year, _), .halfYear(let year, _),
            .nineMonths(let year), .year(let year):
            year
        case .oneOff(let date): date.year
        }
    }

    /// For the kinds made of whole months, their first and last month as `year * 12 + month - 1`.
    var months: ClosedRange<Int>? {
        switch value {
        case .month(let year, let month): return Self.months(year, month, month)
        case .quarter(let year, let quarter): return Self.months(year, quarter * 3 - 2, quarter * 3)
        case .halfYear(let year, let half): return Self.months(year, half * 6 - 5, half * 6)
        case .nineMonths(let year): return Self.months(year, 1, 9)
        case .year(let year): return Self.months(year, 1, 12)
        case .week, .oneOff: return nil
        }
    }

    private static func months(_ year: Int, _ first: Int, _ last: Int) -> ClosedRange<Int> {
        (year * 12 + first - 1)...(year * 12 + last - 1)
    }
}
