import Events
import Foundation
import Testing

private typealias F = ReportingFixture

/// `LocalDate`: the strict `YYYY-MM-DD` form, leap years, day arithmetic, weekdays and ISO 8601 weeks.
/// Expected weekdays and weeks were read off a calendar (and checked against Python's `date.isocalendar`).
@Suite("LocalDate")
struct LocalDateTests {
    @Test(
        "parses and formats YYYY-MM-DD",
        arguments: [
            ("2024-10-05", 2024, 10, 5), ("2024-02-29", 2024, 2, 29), ("2000-02-29", 2000, 2, 29),
            ("1970-01-01", 1970, 1, 1), ("0001-01-01", 1, 1, 1), ("9999-12-31", 9999, 12, 31),
            ("2023-04-30", 2023, 4, 30),
        ])
    func roundTrip(_ text: String, _ year: Int, _ month: Int, _ day: Int) throws {
        let date = try LocalDate(parsing: text)
        #expect((date.year, date.month, date.day) == (year, month, day))
        #expect(date.description == text)
        #expect(LocalDate(year: year, month: month, day: day) == date)
    }

    @Test(
        "refuses days the calendar does not have",
        arguments: [
            ("2023-02-29", 2023, 2, 29), ("1900-02-29", 1900, 2, 29), ("2100-02-29", 2100, 2, 29),
            ("2024-02-30", 2024, 2, 30), ("2024-04-31", 2024, 4, 31), ("2024-06-31", 2024, 6, 31),
            ("2024-13-01", 2024, 13, 1), ("2024-00-10", 2024, 0, 10), ("2024-01-00", 2024, 1, 0),
            ("2024-01-32", 2024, 1, 32), ("0000-01-01", 0, 1, 1),
        ])
    func nonexistent(_ text: String, _ year: Int, _ month: Int, _ day: Int) {
        #expect(throws: CalendarError.nonexistentDate(year: year, month: month, day: day)) {
            try LocalDate(parsing: text)
        }
        #expect(LocalDate(year: year, month: month, day: day) == nil)
    }

    @Test(
        "refuses text that is not YYYY-MM-DD",
        arguments: [
            "", "2024-1-05", "24-10-05", "2024/10/05", "2024-10-05T00:00", " 2024-10-05", "2024-10-05 ",
            "+2024-10-05", "２０２４-10-05", "2024-1a-05", "20241005", "2024-10",
        ])
    func malformed(_ text: String) {
        #expect(throws: CalendarError.malformedDate(text)) { try LocalDate(parsing: text) }
    }

    @Test("refusals say what is wrong")
    func messages() {
        #expect(
            CalendarError.nonexistentDate(year: 2023, month: 2, day: 29).description == "2023 is not a leap year, so it has no 29 February")
        #expect(CalendarError.nonexistentDate(year: 2024, month: 4, day: 31).description == "2024-04 has 30 days, so day 31 does not exist")
        #expect(CalendarError.nonexistentDate(year: 2024, month: 13, day: 1).description == "month 13 does not exist; months are 01–12")
        #expect(CalendarError.malformedDate("2024/10/05").description.contains("write YYYY-MM-DD"))
    }

    @Test("leap years: every fourth, but not centuries unless divisible by 400")
    func leapYears() {
        #expect(LocalDate.isLeapYear(2024))
        #expect(LocalDate.isLeapYear(2000))
        #expect(!LocalDate.isLeapYear(2023))
        #expect(!LocalDate.isLeapYear(1900))
        #expect(!LocalDate.isLeapYear(2100))
        #expect(LocalDate.numberOfDays(inMonth: 2, year: 2024) == 29)
        #expect(LocalDate.numberOfDays(inMonth: 2, year: 2023) == 28)
        #expect(LocalDate.numberOfDays(inMonth: 4, year: 2024) == 30)
        #expect(LocalDate.numberOfDays(inMonth: 12, year: 2024) == 31)
    }

    @Test(
        "adding days crosses month, year and leap-day boundaries",
        arguments: [
            ("2024-02-28", 1, "2024-02-29"), ("2024-02-29", 1, "2024-03-01"), ("2023-02-28", 1, "2023-03-01"),
            ("2024-12-31", 1, "2025-01-01"), ("2025-01-01", -1, "2024-12-31"), ("2024-01-01", 366, "2025-01-01"),
            ("2023-01-01", 365, "2024-01-01"), ("2000-03-01", -1, "2000-02-29"), ("1970-01-01", -1, "1969-12-31"),
            ("2024-10-05", 0, "2024-10-05"), ("2024-10-14", 6, "2024-10-20"),
        ])
    func addingDays(_ start: String, _ days: Int, _ expected: String) {
        #expect(F.date(start).adding(days: days)?.description == expected)
        #expect(F.date(start).days(until: F.date(expected)) == days)
    }

    @Test("adding days beyond 0001–9999 gives nil rather than a date that cannot be written")
    func addingBeyondTheCalendar() {
        #expect(F.date("9999-12-31").adding(days: 1) == nil)
        #expect(F.date("0001-01-01").adding(days: -1) == nil)
        #expect(F.date("2024-10-05").adding(days: .max) == nil)
        #expect(F.date("2024-10-05").adding(days: .min) == nil)
    }

    @Test(
        "weekday",
        arguments: [
            ("1970-01-01", Weekday.thursday), ("1969-12-31", .wednesday), ("2000-01-01", .saturday),
            ("2024-01-01", .monday), ("2024-10-17", .thursday), ("2024-10-20", .sunday), ("2021-01-01", .friday),
            ("2026-01-01", .thursday), ("2023-01-01", .sunday), ("2024-02-29", .thursday), ("0001-01-01", .monday),
            ("9999-12-31", .friday),
        ])
    func weekday(_ text: String, _ weekday: Weekday) {
        #expect(F.date(text).weekday == weekday)
    }

    @Test(
        "ISO week-year and week: week 1 holds the year's first Thursday",
        arguments: [
            ("2021-01-01", 2020, 53), ("2020-12-31", 2020, 53), ("2020-12-28", 2020, 53), ("2026-01-01", 2026, 1),
            ("2024-12-30", 2025, 1), ("2024-12-29", 2024, 52), ("2024-10-17", 2024, 42), ("2024-10-14", 2024, 42),
            ("2024-10-20", 2024, 42), ("2027-01-01", 2026, 53), ("2023-01-01", 2022, 52), ("2024-01-01", 2024, 1),
            ("2019-12-30", 2020, 1), ("2016-01-03", 2015, 53), ("2010-01-03", 2009, 53), ("1969-12-31", 1970, 1),
        ])
    func isoWeek(_ text: String, _ weekYear: Int, _ week: Int) {
        let date = F.date(text)
        #expect(date.isoWeekYear == weekYear)
        #expect(date.isoWeekNumber == week)
    }

    @Test(
        "a year has 53 ISO weeks when it starts on a Thursday, or on a Wednesday in a leap year",
        arguments: [(2020, 53), (2026, 53), (2015, 53), (2004, 53), (2032, 53), (2023, 52), (2024, 52), (2025, 52), (2021, 52)])
    func isoWeeksInYear(_ year: Int, _ weeks: Int) {
        #expect(LocalDate.numberOfISOWeeks(inYear: year) == weeks)
    }

    @Test("dates order by year, then month, then day")
    func ordering() {
        let texts = ["2024-10-05", "2023-12-31", "2024-01-10", "2024-10-04", "2024-02-29"]
        #expect(texts.map(F.date).sorted().map(\.description) == ["2023-12-31", "2024-01-10", "2024-02-29", "2024-10-04", "2024-10-05"])
    }

    @Test("Codable as its YYYY-MM-DD text, refusing anything else")
    func codable() throws {
        #expect(try F.json([F.date("2024-10-05")]) == #"["2024-10-05"]"#)
        #expect(try F.decode([LocalDate].self, #"["2024-02-29"]"#) == [F.date("2024-02-29")])
        #expect(throws: DecodingError.self) { try F.decode([LocalDate].self, #"["2023-02-29"]"#) }
        #expect(throws: DecodingError.self) { try F.decode([LocalDate].self, #"[20241005]"#) }
    }

    @Test(
        "the local date of an instant depends on the zone",
        arguments: [
            ("2024-10-22T17:00:00Z", "Asia/Ho_Chi_Minh", "2024-10-23"), ("2024-10-22T16:59:59.999999Z", "Asia/Ho_Chi_Minh", "2024-10-22"),
            ("2024-10-22T17:00:00Z", "UTC", "2024-10-22"), ("1969-12-31T23:59:59.5Z", "UTC", "1969-12-31"),
            ("2024-03-10T04:59:59Z", "America/New_York", "2024-03-09"), ("2024-03-10T05:00:00Z", "America/New_York", "2024-03-10"),
        ])
    func dateOfInstant(_ instant: String, _ zone: String, _ expected: String) throws {
        let zone = try #require(TimeZone(identifier: zone))
        #expect(LocalDate(F.instant(instant), in: zone)?.description == expected)
    }

    @Test("an instant far outside 0001–9999 has no local date")
    func instantOutsideTheCalendar() {
        #expect(LocalDate(Timestamp(microsecondsSinceEpoch: .max), in: F.utc) == nil)
        #expect(LocalDate(Timestamp(microsecondsSinceEpoch: .min), in: F.utc) == nil)
    }

    @Test(
        "the instant of a wall-clock time: the zone's offset, first of a repeated time, skipped times moved on",
        arguments: [
            ("2024-10-23", "00:00", "Asia/Ho_Chi_Minh", "2024-10-23T00:00:00+07:00"),
            ("2024-10-17", "15:00", "Asia/Ho_Chi_Minh", "2024-10-17T15:00:00+07:00"),
            ("2024-10-23", "00:00", "UTC", "2024-10-23T00:00:00Z"),
            ("2024-07-01", "09:00", "America/New_York", "2024-07-01T09:00:00-04:00"),
            ("2024-01-15", "09:00", "America/New_York", "2024-01-15T09:00:00-05:00"),
            // 02:00–02:59 does not exist on 10 March 2024 in New York; 02:30 becomes 03:30 EDT.
            ("2024-03-10", "02:30", "America/New_York", "2024-03-10T03:30:00-04:00"),
            // 01:00–01:59 happens twice on 3 November 2024; the first (EDT) is taken.
            ("2024-11-03", "01:30", "America/New_York", "2024-11-03T01:30:00-04:00"),
        ])
    func instantOfWallClock(_ date: String, _ time: String, _ zone: String, _ expected: String) throws {
        let zone = try #require(TimeZone(identifier: zone))
        #expect(F.date(date).instant(at: F.time(time), in: zone) == F.instant(expected))
    }
}
