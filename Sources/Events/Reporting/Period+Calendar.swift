/// Where a period lies in the calendar: its days, its neighbours, and the period of a kind holding a date.
extension Period {
    /// The period of `kind` that holds `date`: its month, ISO week, quarter, half-year, year or day. For
    /// nine months it is the date's year's, even from October to December, which no nine months cover.
    public init(_ kind: Kind, containing date: LocalDate) {
        switch kind {
        case .month: self.init(value: .month(year: date.year, month: date.month))
        case .week: self.init(value: .week(year: date.isoWeekYear, week: date.isoWeekNumber))
        case .quarter: self.init(value: .quarter(year: date.year, quarter: (date.month + 2) / 3))
        case .halfYear: self.init(value: .halfYear(year: date.year, half: (date.month + 5) / 6))
        case .nineMonths: self.init(value: .nineMonths(year: date.year))
        case .year: self.init(value: .year(date.year))
        case .oneOff: self.init(value: .oneOff(date))
        }
    }

    /// The first day of the period.
    public var firstDay: LocalDate {
        switch value {
        case .week(let year, let week):
            return LocalDate(dayNumber: LocalDate.dayNumberOfFirstISOMonday(inYear: year) + (week - 1) * 7)
                ?? .earliest
        case .oneOff(let date):
            return date
        default:
            let (year, month) = Self.yearAndMonth(months!.lowerBound)
            return LocalDate(uncheckedYear: year, month: month, day: 1)
        }
    }

    /// The last day of the period. The only period that runs past 9999-12-31, 9999-W52, ends there.
    public var lastDay: LocalDate {
        switch value {
        case .week:
            return firstDay.adding(days: 6) ?? .latest
        case .oneOff(let date):
            return date
        default:
            let (year, month) = Self.yearAndMonth(months!.upperBound)
            return LocalDate(uncheckedYear: year, month: month, day: LocalDate.numberOfDays(inMonth: month, year: year))
        }
    }

    /// Whether `date` is one of the period's days.
    public func contains(_ date: LocalDate) -> Bool {
        firstDay <= date && date <= lastDay
    }

    /// The next period of the same kind (2024-12 → 2025-01, 2020-W53 → 2021-W01, a one-off's next day),
    /// or nil after 9999.
    public var next: Period? {
        step(by: 1)
    }

    /// The previous period of the same kind, or nil before 0001.
    public var previous: Period? {
        step(by: -1)
    }

    private func step(by direction: Int) -> Period? {
        switch value {
        case .month(let year, let month):
            let (nextYear, nextMonth) = Self.yearAndMonth(year * 12 + month - 1 + direction)
            return try? .month(year: nextYear, month: nextMonth)
        case .week:
            return firstDay.adding(days: 7 * direction).map { Period(.week, containing: $0) }
        case .quarter(let year, let quarter):
            let index = year * 4 + quarter - 1 + direction
            return try? .quarter(year: index.floorDivided(by: 4), quarter: index - index.floorDivided(by: 4) * 4 + 1)
        case .halfYear(let year, let half):
            let index = year * 2 + half - 1 + direction
            return try? .halfYear(year: index.floorDivided(by: 2), half: index - index.floorDivided(by: 2) * 2 + 1)
        case .nineMonths(let year):
            return try? .nineMonths(year: year + direction)
        case .year(let year):
            return try? .year(year + direction)
        case .oneOff(let date):
            return date.adding(days: direction).map(Period.oneOff)
        }
    }

    /// The calendar year and month (1–12) of a month counted as `year * 12 + month - 1`.
    static func yearAndMonth(_ index: Int) -> (year: Int, month: Int) {
        let year = index.floorDivided(by: 12)
        return (year, index - year * 12 + 1)
    }
}

extension Period: Comparable {
    /// Orders periods by their first day, then their last, so periods of one kind run in calendar order.
    public static func < (lhs: Period, rhs: Period) -> Bool {
        (lhs.firstDay, lhs.lastDay) < (rhs.firstDay, rhs.lastDay)
    }
}

extension Int {
    /// The quotient rounded towards minus infinity.
    fileprivate func floorDivided(by divisor: Int) -> Int {
        let (quotient, remainder) = quotientAndRemainder(dividingBy: divisor)
        return remainder < 0 ? quotient - 1 : quotient
    }
}
