/// A day of the (proleptic Gregorian) calendar with no time zone, written `YYYY-MM-DD`: periods,
/// deadlines and effective dates are reckoned in these, and only turned into instants with a zone.
public struct LocalDate: Sendable, Hashable, Comparable {
    /// The year, 0001–9999 (the years `YYYY-MM-DD` can write).
    public let year: Int
    /// The month, 1–12.
    public let month: Int
    /// The day of the month, 1–28, 29, 30 or 31 as the month has.
    public let day: Int

    /// The years a date may have.
    public static let years = 1...9999
    /// The first day the calendar holds, 0001-01-01.
    public static let earliest = LocalDate(uncheckedYear: 1, month: 1, day: 1)
    /// The last day the calendar holds, 9999-12-31.
    public static let latest = LocalDate(uncheckedYear: 9999, month: 12, day: 31)

    /// Creates a date, or nil when the parts name no day (30 February, month 13, year 0).
    public init?(year: Int, month: Int, day: Int) {
        guard Self.isValid(year: year, month: month, day: day) else { return nil }
        self.init(uncheckedYear: year, month: month, day: day)
    }

    /// Creates a date, throwing an error that says which part is wrong.
    public init(validatingYear year: Int, month: Int, day: Int) throws(CalendarError) {
        guard Self.isValid(year: year, month: month, day: day) else {
            throw .nonexistentDate(year: year, month: month, day: day)
        }
        self.init(uncheckedYear: year, month: month, day: day)
    }

    /// Parses `YYYY-MM-DD` (exactly four, two and two ASCII digits) naming a day that exists.
    public init(parsing text: String) throws(CalendarError) {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            let year = Self.number(bytes[0..<4]), let month = Self.number(bytes[5..<7]),
            let day = Self.number(bytes[8..<10])
        else { throw .malformedDate(text) }
        try self.init(validatingYear: year, month: month, day: day)
    }

    init(uncheckedYear year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Whether `year` has a 29 February: divisible by 4, except centuries not divisible by 400.
    public static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// How many days `month` of `year` has (28–31).
    public static func numberOfDays(inMonth month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static func isValid(year: Int, month: Int, day: Int) -> Bool {
        years.contains(year) && (1...12).contains(month) && day >= 1
            && day <= numberOfDays(inMonth: month, year: year)
    }

    /// Calendar order: earlier days first.
    public static func < (lhs: LocalDate, rhs: LocalDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// The value of a run of ASCII digits, or nil if any byte is not one.
    static func number(_ bytes: ArraySlice<UInt8>) -> Int? {
        guard !bytes.isEmpty else { return nil }
        var value = 0
        for byte in bytes {
            guard (48...57).contains(byte) else { return nil }
            value = value * 10 + Int(byte - 48)
        }
        return value
    }

    /// `value` in decimal, left-padded with zeros to `width`.
    static func digits(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}

extension LocalDate: CustomStringConvertible {
    /// `YYYY-MM-DD`, e.g. `2024-10-05`.
    public var description: String {
        "\(Self.digits(year, 4))-\(Self.digits(month, 2))-\(Self.digits(day, 2))"
    }
}

extension LocalDate: Codable {
    /// Decodes `YYYY-MM-DD`; anything else fails with the reason.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            self = try LocalDate(parsing: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    /// Encodes as `YYYY-MM-DD`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
