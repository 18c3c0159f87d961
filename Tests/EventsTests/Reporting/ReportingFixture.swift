import Events
import Foundation
import Testing

/// Short ways to write the reporting tests' inputs: zones, dates, times, periods and instants as text.
/// Text that does not parse records an issue (failing the test, not crashing the run) and gives a stand-in.
enum ReportingFixture {
    /// The domain's zone, UTC+7 all year.
    static let vietnam = TimeZone(identifier: "Asia/Ho_Chi_Minh")!
    /// UTC, to show that the zone passed in is the one used.
    static let utc = TimeZone(identifier: "UTC")!
    /// A zone with daylight saving, for skipped and repeated wall-clock times.
    static let newYork = TimeZone(identifier: "America/New_York")!

    /// An instant written in RFC 3339, read by the ledger's existing (separately tested) parser.
    static func instant(_ text: String) -> Timestamp {
        guard let instant = Timestamp(rfc3339: text) else {
            Issue.record("bad instant in a test: \(text)")
            return Timestamp(microsecondsSinceEpoch: 0)
        }
        return instant
    }

    /// A date written `YYYY-MM-DD`.
    static func date(_ text: String) -> LocalDate {
        do {
            return try LocalDate(parsing: text)
        } catch {
            Issue.record("bad date in a test: \(error)")
            return LocalDate.earliest
        }
    }

    /// A time written `HH:MM`.
    static func time(_ text: String) -> LocalTime {
        do {
            return try LocalTime(parsing: text)
        } catch {
            Issue.record("bad time in a test: \(error)")
            return LocalTime.midnight
        }
    }

    /// A period in its readable form.
    static func period(_ text: String) -> Period {
        do {
            return try Period(parsing: text)
        } catch {
            Issue.record("bad period in a test: \(error)")
            return Period.oneOff(.earliest)
        }
    }

    /// `value` encoded as JSON with sorted keys, as text.
    static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// `text` decoded from JSON.
    static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }
}
