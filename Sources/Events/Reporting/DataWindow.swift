/// The days whose data a period's report covers, both ends included; `to` is the data cut-off.
public struct DataWindow: Sendable, Hashable {
    /// The first day whose data the report covers.
    public let from: LocalDate
    /// The last day whose data the report covers (the cut-off).
    public let to: LocalDate

    /// Creates a window, or nil when `from` is after `to`.
    public init?(from: LocalDate, to: LocalDate) {
        guard from <= to else { return nil }
        self.from = from
        self.to = to
    }

    /// The default window of Decree 09/2019/NĐ-CP Art. 12: from the 15th of the month before the period
    /// to the 14th of its last month (a month, quarter, half-year, nine months, year); a week is Monday
    /// to Sunday and a one-off period its own day. Windows are cut at 0001-01-01 and 9999-12-31.
    public static func standard(for period: Period) -> DataWindow {
        if let months = period.months {
            let (fromYear, fromMonth) = Period.yearAndMonth(months.lowerBound - 1)
            let (toYear, toMonth) = Period.yearAndMonth(months.upperBound)
            return DataWindow(
                from: LocalDate(year: fromYear, month: fromMonth, day: 15) ?? .earliest,
                to: LocalDate(uncheckedYear: toYear, month: toMonth, day: 14))!
        }
        return DataWindow(from: period.firstDay, to: period.lastDay)!
    }

    /// Whether `date`'s data belongs in the window.
    public func contains(_ date: LocalDate) -> Bool {
        from <= date && date <= to
    }
}

extension DataWindow: Codable {
    private enum CodingKeys: String, CodingKey { case from, to }

    /// Decodes `{"from":"2024-09-15","to":"2024-10-14"}`, refusing a window that ends before it starts.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let from = try container.decode(LocalDate.self, forKey: .from)
        let to = try container.decode(LocalDate.self, forKey: .to)
        guard let window = DataWindow(from: from, to: to) else {
            throw DecodingError.dataCorruptedError(
                forKey: .to, in: container, debugDescription: "the window ends (\(to)) before it starts (\(from))")
        }
        self = window
    }

    /// Encodes both days as `YYYY-MM-DD`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(from, forKey: .from)
        try container.encode(to, forKey: .to)
    }
}
