/// A time of day to the minute with no time zone, written `HH:MM` (00:00–23:59); a deadline falls at one.
public struct LocalTime: Sendable, Hashable, Comparable {
    /// The hour, 0–23.
    public let hour: Int
    /// The minute, 0–59.
    public let minute: Int

    /// 00:00, the start of a day: "before the 23rd" is due at 00:00 on the 23rd.
    public static let midnight = LocalTime(uncheckedHour: 0, minute: 0)

    /// Creates a time, or nil when the hour is outside 0–23 or the minute outside 0–59.
    public init?(hour: Int, minute: Int) {
        guard (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        self.init(uncheckedHour: hour, minute: minute)
    }

    /// Parses `HH:MM` (exactly two and two ASCII digits) naming a time that exists.
    public init(parsing text: String) throws(CalendarError) {
        let bytes = Array(text.utf8)
        guard bytes.count == 5, bytes[2] == UInt8(ascii: ":"), let hour = LocalDate.number(bytes[0..<2]),
            let minute = LocalDate.number(bytes[3..<5])
        else { throw .malformedTime(text) }
        guard let time = LocalTime(hour: hour, minute: minute) else {
            throw .nonexistentTime(hour: hour, minute: minute)
        }
        self = time
    }

    private init(uncheckedHour hour: Int, minute: Int) {
        self.hour = hour
        self.minute = minute
    }

    /// Seconds from the start of the day to this time.
    var secondsSinceMidnight: Int { hour * 3600 + minute * 60 }

    /// Order within a day: earlier times first.
    public static func < (lhs: LocalTime, rhs: LocalTime) -> Bool {
        (lhs.hour, lhs.minute) < (rhs.hour, rhs.minute)
    }
}

extension LocalTime: CustomStringConvertible {
    /// `HH:MM`, e.g. `15:00`.
    public var description: String {
        "\(LocalDate.digits(hour, 2)):\(LocalDate.digits(minute, 2))"
    }
}

extension LocalTime: Codable {
    /// Decodes `HH:MM`; anything else fails with the reason.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            self = try LocalTime(parsing: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    /// Encodes as `HH:MM`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
