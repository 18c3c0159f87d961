/// A schedule in JSON: a `kind` (`monthly`, `weekly`, `quarterly`, `sixMonthly`, `nineMonths`, `annual`,
/// `oneOff`) and that kind's terms, e.g. `{"kind":"monthly","dueDay":23,"dueTime":"00:00","dueMonthOffset":0}`.
/// The kinds counted in months take `dueDay` ("before the Nth") or `dueBy` ("no later than the Nth"),
/// not both; with neither the report is due by the end of the month (`dueBy` 31, `DueDay.monthEnd`).
extension Schedule: Codable {
    private enum CodingKeys: String, CodingKey {
        case kind, dueDay, dueBy, dueTime, dueMonthOffset, dueWeekday, dueDate
    }

    private enum Kind: String, Codable {
        case monthly, weekly, quarterly, sixMonthly, nineMonths, annual, oneOff
    }

    /// Decodes and validates a schedule; `dueTime` defaults to 00:00 and `dueMonthOffset` to 0.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let kind = try container.decode(Kind.self, forKey: .kind)
        let time = try container.decodeIfPresent(LocalTime.self, forKey: .dueTime)
        func dueDay() throws -> DueDay {
            let before = try container.decodeIfPresent(Int.self, forKey: .dueDay)
            let by = try container.decodeIfPresent(Int.self, forKey: .dueBy)
            switch (before, by) {
            case (let day?, nil): return .before(day)
            case (nil, let day?): return .by(day)
            case (nil, nil): return .monthEnd
            case (.some, .some):
                throw DecodingError.dataCorruptedError(
                    forKey: .dueBy, in: container,
                    debugDescription: "send dueDay (before the Nth) or dueBy (no later than the Nth), not both")
            }
        }
        func offset() throws -> Int { try container.decodeIfPresent(Int.self, forKey: .dueMonthOffset) ?? 0 }
        switch kind {
        case .monthly: self = .monthly(dueDay: try dueDay(), dueTime: time ?? .midnight, dueMonthOffset: try offset())
        case .quarterly: self = .quarterly(dueDay: try dueDay(), dueTime: time ?? .midnight, dueMonthOffset: try offset())
        case .sixMonthly: self = .sixMonthly(dueDay: try dueDay(), dueTime: time ?? .midnight, dueMonthOffset: try offset())
        case .nineMonths: self = .nineMonths(dueDay: try dueDay(), dueTime: time ?? .midnight, dueMonthOffset: try offset())
        case .annual: self = .annual(dueDay: try dueDay(), dueTime: time ?? .midnight, dueMonthOffset: try offset())
        case .weekly:
            self = .weekly(dueWeekday: try container.decode(Weekday.self, forKey: .dueWeekday), dueTime: time ?? .midnight)
        case .oneOff:
            self = .oneOff(dueDate: try container.decode(LocalDate.self, forKey: .dueDate), dueTime: time)
        }
        do {
            try validate()
        } catch {
            let key: CodingKeys =
                switch error {
                case .dueMonthOffsetOutOfRange: .dueMonthOffset
                default: monthlyTerms.map { $0.dueDay.isEndOfDay } == true ? .dueBy : .dueDay
                }
            throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: error.description)
        }
    }

    /// Encodes the kind and every term, defaults included, so stored schedules read the same everywhere
    /// (`dueDay` for the "before" form, as always, `dueBy` for the "no later than" form).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .weekly(let weekday, let time):
            try container.encode(Kind.weekly, forKey: .kind)
            try container.encode(weekday, forKey: .dueWeekday)
            try container.encode(time, forKey: .dueTime)
        case .oneOff(let date, let time):
            try container.encode(Kind.oneOff, forKey: .kind)
            try container.encode(date, forKey: .dueDate)
            try container.encodeIfPresent(time, forKey: .dueTime)
        case .monthly(let day, let time, let offset), .quarterly(let day, let time, let offset),
            .sixMonthly(let day, let time, let offset), .nineMonths(let day, let time, let offset),
            .annual(let day, let time, let offset):
            try container.encode(codingKind, forKey: .kind)
            try container.encode(day.day, forKey: day.isEndOfDay ? .dueBy : .dueDay)
            try container.encode(time, forKey: .dueTime)
            try container.encode(offset, forKey: .dueMonthOffset)
        }
    }

    private var codingKind: Kind {
        switch self {
        case .monthly: .monthly
        case .weekly: .weekly
        case .quarterly: .quarterly
        case .sixMonthly: .sixMonthly
        case .nineMonths: .nineMonths
        case .annual: .annual
        case .oneOff: .oneOff
        }
    }
}
