import Events
import Foundation
import Testing

/// RFC 3339 formatting and parsing of `Timestamp`, the microsecond instant stored with every event.
@Suite("Timestamp")
struct TimestampTests {
    /// Instants and their UTC spelling; the epoch seconds were computed independently with Python's `calendar.timegm`.
    static let known: [(micros: Int64, text: String)] = [
        (0, "1970-01-01T00:00:00.000000Z"),
        (1_700_000_000_123_456, "2023-11-14T22:13:20.123456Z"),
        (1_709_164_800_000_000, "2024-02-29T00:00:00.000000Z"),
        (1_709_251_199_999_999, "2024-02-29T23:59:59.999999Z"),
        (951_825_600_000_001, "2000-02-29T12:00:00.000001Z"),
        (2_147_483_648_000_000, "2038-01-19T03:14:08.000000Z"),
        (-1, "1969-12-31T23:59:59.999999Z"),
        (-1_500_000, "1969-12-31T23:59:58.500000Z"),
        (-14_182_940_000_000, "1969-07-20T20:17:40.000000Z"),
        (-2_208_988_800_000_000, "1900-01-01T00:00:00.000000Z"),
        (-62_135_596_800_000_000, "0001-01-01T00:00:00.000000Z"),
        (253_402_300_799_999_999, "9999-12-31T23:59:59.999999Z"),
    ]

    @Test("formats as UTC with exactly six fractional digits")
    func formatting() {
        for (micros, text) in Self.known {
            #expect(Timestamp(microsecondsSinceEpoch: micros).rfc3339 == text)
        }
    }

    @Test("parsing its own output gives back the same instant")
    func roundTrip() {
        for (micros, text) in Self.known {
            let parsed = Timestamp(rfc3339: text)
            #expect(parsed == Timestamp(microsecondsSinceEpoch: micros), "\(text)")
            #expect(parsed?.rfc3339 == text)
        }
    }

    @Test("the date part agrees with Foundation's ISO 8601 formatter across 1800–2200")
    func agreesWithFoundation() {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let seconds = Int64.random(in: -5_364_662_400...7_258_118_400, using: &generator)
            let micros = Int64.random(in: 0..<1_000_000, using: &generator)
            let text = Timestamp(microsecondsSinceEpoch: seconds * 1_000_000 + micros).rfc3339
            let foundation = formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
            #expect(text.prefix(19) + "Z" == foundation, "seconds \(seconds)")
            #expect(Timestamp(rfc3339: text)?.microsecondsSinceEpoch == seconds * 1_000_000 + micros)
        }
    }

    @Test(
        "offsets and fractions are applied",
        arguments: [
            ("2024-02-29T19:00:00+07:00", "2024-02-29T12:00:00.000000Z"),
            ("2024-03-01T06:30:00+07:00", "2024-02-29T23:30:00.000000Z"),
            ("2024-02-28T20:30:00-03:30", "2024-02-29T00:00:00.000000Z"),
            ("1970-01-01T00:00:00+00:01", "1969-12-31T23:59:00.000000Z"),
            ("2026-11-24t12:00:00.5z", "2026-11-24T12:00:00.500000Z"),
            ("2026-11-24 12:00:00.25Z", "2026-11-24T12:00:00.250000Z"),
            ("2026-11-24T12:00:00.123456789Z", "2026-11-24T12:00:00.123456Z"),
            ("2026-11-24T12:00:00.000001-00:00", "2026-11-24T12:00:00.000001Z"),
            // The edges of the range RFC 3339 writes in UTC, reached through offsets.
            ("0001-01-01T07:00:00+07:00", "0001-01-01T00:00:00.000000Z"),
            ("9999-12-31T16:59:59.999999-07:00", "9999-12-31T23:59:59.999999Z"),
        ])
    func offsets(_ input: String, _ utc: String) {
        #expect(Timestamp(rfc3339: input)?.rfc3339 == utc)
    }

    @Test(
        "invalid date-times are refused",
        arguments: [
            "2023-13-01T00:00:00Z",  // month 13
            "2023-00-10T00:00:00Z",  // month 0
            "2023-02-30T00:00:00Z",  // 30 February
            "2023-02-29T00:00:00Z",  // not a leap year
            "1900-02-29T00:00:00Z",  // century, not a leap year
            "2023-04-31T00:00:00Z",  // April has 30 days
            "2023-01-00T00:00:00Z",  // day 0
            "2024-02-29T00:00:00",  // no offset
            "2024-02-29T00:00:00.123456",  // no offset after a fraction
            "2024-02-29T24:00:00Z",  // hour 24
            "2024-02-29T12:60:00Z",  // minute 60
            "2024-02-29T12:00:61Z",  // second 61
            "2024-02-29T12:00:00.Z",  // empty fraction
            "2024-02-29T12:00:00+0700",  // offset without colon
            "2024-02-29T12:00:00+24:00",  // offset hour out of range
            "2024-02-29T12:00:00Zjunk",  // trailing text
            "2024-2-29T12:00:00Z",  // short month
            "2024-02-29",  // date only
            "",
        ])
    func invalid(_ input: String) {
        #expect(Timestamp(rfc3339: input) == nil)
    }

    @Test(
        "instants whose UTC time RFC 3339 cannot write, and leap seconds, are refused",
        arguments: [
            "0000-01-01T00:00:00+01:00",  // year 0 (UTC: the year before)
            "0000-12-31T23:59:59Z",  // year 0
            "0001-01-01T00:59:59+01:00",  // UTC 0000-12-31T23:59:59Z
            "0001-01-01T00:00:00.5+00:01",  // UTC in year 0
            "9999-12-31T23:59:59-00:01",  // UTC 10000-01-01T00:00:59Z
            "9999-12-31T20:00:00-05:00",  // UTC 10000-01-01T01:00:00Z
            "2016-12-31T23:59:60Z",  // a leap second would roll over into 2017
            "2016-12-31T23:59:60.5Z",
            "2026-06-30T23:59:60+07:00",
        ])
    func outOfRange(_ input: String) {
        #expect(Timestamp(rfc3339: input) == nil)
    }

    @Test("a Date is truncated to the microsecond, never rounded up")
    func fromDate() {
        #expect(Timestamp(Date(timeIntervalSince1970: 1.000_000_9)).microsecondsSinceEpoch == 1_000_000)
        #expect(Timestamp(Date(timeIntervalSince1970: -0.000_000_5)).microsecondsSinceEpoch == -1)
        #expect(Timestamp(Date(timeIntervalSince1970: 1_700_000_000.25)).rfc3339 == "2023-11-14T22:13:20.250000Z")
    }

    @Test("ordering follows the instant")
    func ordering() throws {
        let earlier = try #require(Timestamp(rfc3339: "2024-02-29T19:00:00+07:00"))
        let later = try #require(Timestamp(rfc3339: "2024-02-29T12:00:00.000001Z"))
        #expect(earlier < later)
    }
}
