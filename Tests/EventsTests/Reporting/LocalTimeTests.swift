import Events
import Foundation
import Testing

private typealias F = ReportingFixture

/// `LocalTime` (`HH:MM`) and `Weekday`, the parts a weekly deadline is written in.
@Suite("LocalTime and Weekday")
struct LocalTimeTests {
    @Test("parses and formats HH:MM", arguments: [("00:00", 0, 0), ("15:00", 15, 0), ("09:05", 9, 5), ("23:59", 23, 59)])
    func roundTrip(_ text: String, _ hour: Int, _ minute: Int) throws {
        let time = try LocalTime(parsing: text)
        #expect((time.hour, time.minute) == (hour, minute))
        #expect(time.description == text)
        #expect(LocalTime(hour: hour, minute: minute) == time)
    }

    @Test("refuses times of day that do not exist", arguments: [("24:00", 24, 0), ("12:60", 12, 60), ("99:99", 99, 99)])
    func nonexistent(_ text: String, _ hour: Int, _ minute: Int) {
        #expect(throws: CalendarError.nonexistentTime(hour: hour, minute: minute)) { try LocalTime(parsing: text) }
        #expect(LocalTime(hour: hour, minute: minute) == nil)
    }

    @Test("refuses text that is not HH:MM", arguments: ["", "9:00", "15:00:00", "15-00", "1500", "15:0", " 15:00", "１５:00"])
    func malformed(_ text: String) {
        #expect(throws: CalendarError.malformedTime(text)) { try LocalTime(parsing: text) }
    }

    @Test("midnight is 00:00, and times order within the day")
    func midnightAndOrder() {
        #expect(LocalTime.midnight.description == "00:00")
        #expect(F.time("14:59") < F.time("15:00"))
        #expect(F.time("09:59") < F.time("10:00"))
        #expect(!(F.time("15:01") < F.time("15:00")))
    }

    @Test("Codable as HH:MM")
    func codable() throws {
        #expect(try F.json([F.time("15:00")]) == #"["15:00"]"#)
        #expect(try F.decode([LocalTime].self, #"["07:30"]"#) == [LocalTime(hour: 7, minute: 30)!])
        #expect(throws: DecodingError.self) { try F.decode([LocalTime].self, #"["24:00"]"#) }
    }

    @Test("weekdays carry their ISO numbers, Monday 1 to Sunday 7, and code as lower-case names")
    func weekdays() throws {
        #expect(Weekday.monday.isoNumber == 1)
        #expect(Weekday.thursday.isoNumber == 4)
        #expect(Weekday.sunday.isoNumber == 7)
        #expect(Weekday(isoNumber: 4) == .thursday)
        #expect(Weekday(isoNumber: 0) == nil)
        #expect(Weekday(isoNumber: 8) == nil)
        #expect(try F.json([Weekday.thursday]) == #"["thursday"]"#)
        #expect(throws: DecodingError.self) { try F.decode([Weekday].self, #"["Thursday"]"#) }
    }
}
