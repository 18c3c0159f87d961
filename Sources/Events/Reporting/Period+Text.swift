/// The one readable form of a period, parsed strictly so that every period has exactly one spelling.
extension Period {
    /// Parses `2024-10`, `2024-W42`, `2024-Q3`, `2024-H1`, `2024-9M`, `2024` or `2024-10-05`: four-digit
    /// years, two-digit months and weeks, upper-case letters, nothing around them.
    public init(parsing text: String) throws(PeriodError) {
        let bytes = Array(text.utf8)
        guard bytes.count >= 4, let year = LocalDate.number(bytes[0..<4]) else { throw .unrecognised(text) }
        if bytes.count == 4 {
            self = try .year(year)
            return
        }
        guard bytes.count >= 6, bytes[4] == UInt8(ascii: "-") else { throw .unrecognised(text) }
        let rest = Array(bytes[5...])
        let marker = rest[0]
        let number = LocalDate.number(rest[1...])
        if rest.count == 2, let month = LocalDate.number(rest[...]) {
            self = try .month(year: year, month: month)
        } else if rest == Array("9M".utf8) {
            self = try .nineMonths(year: year)
        } else if rest.count == 3, marker == UInt8(ascii: "W"), let week = number {
            self = try .week(year: year, week: week)
        } else if rest.count == 2, marker == UInt8(ascii: "Q"), let quarter = number {
            self = try .quarter(year: year, quarter: quarter)
        } else if rest.count == 2, marker == UInt8(ascii: "H"), let half = number {
            self = try .halfYear(year: year, half: half)
        } else if rest.count == 5 {
            do {
                self = .oneOff(try LocalDate(parsing: text))
            } catch {
                if case .malformedDate = error { throw .unrecognised(text) }
                throw .invalidDate(error)
            }
        } else {
            throw .unrecognised(text)
        }
    }
}

extension Period: CustomStringConvertible {
    /// The period's one readable form, which `init(parsing:)` reads back.
    public var description: String {
        let year = LocalDate.digits(self.year, 4)
        switch value {
        case .month(_, let month): return "\(year)-\(LocalDate.digits(month, 2))"
        case .week(_, let week): return "\(year)-W\(LocalDate.digits(week, 2))"
        case .quarter(_, let quarter): return "\(year)-Q\(quarter)"
        case .halfYear(_, let half): return "\(year)-H\(half)"
        case .nineMonths: return "\(year)-9M"
        case .year: return year
        case .oneOff(let date): return date.description
        }
    }
}

extension Period: Codable {
    /// Decodes the period's readable form; anything else fails with the reason.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            self = try Period(parsing: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    /// Encodes as the period's readable form.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
