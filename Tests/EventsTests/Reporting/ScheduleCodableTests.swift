import Events
import Foundation
import Testing

private typealias F = ReportingFixture

/// Schedules in JSON: a `kind` and its terms, defaults written out, invalid terms refused on decoding.
@Suite("Schedule JSON")
struct ScheduleCodableTests {
    @Test(
        "encodes the kind and every term",
        arguments: [
            (Schedule.monthly(dueDay: 23), #"{"dueDay":23,"dueMonthOffset":0,"dueTime":"00:00","kind":"monthly"}"#),
            (.weekly(dueWeekday: .thursday, dueTime: F.time("15:00")), #"{"dueTime":"15:00","dueWeekday":"thursday","kind":"weekly"}"#),
            (
                .quarterly(dueDay: 20, dueTime: F.time("17:00"), dueMonthOffset: 1),
                #"{"dueDay":20,"dueMonthOffset":1,"dueTime":"17:00","kind":"quarterly"}"#
            ),
            (.sixMonthly(dueDay: 15), #"{"dueDay":15,"dueMonthOffset":0,"dueTime":"00:00","kind":"sixMonthly"}"#),
            (.nineMonths(dueDay: 25), #"{"dueDay":25,"dueMonthOffset":0,"dueTime":"00:00","kind":"nineMonths"}"#),
            (.annual(dueDay: 31, dueMonthOffset: 2), #"{"dueDay":31,"dueMonthOffset":2,"dueTime":"00:00","kind":"annual"}"#),
            (.oneOff(dueDate: F.date("2024-10-05")), #"{"dueDate":"2024-10-05","kind":"oneOff"}"#),
            (
                .oneOff(dueDate: F.date("2024-10-05"), dueTime: F.time("17:00")),
                #"{"dueDate":"2024-10-05","dueTime":"17:00","kind":"oneOff"}"#
            ),
        ])
    func roundTrip(_ schedule: Schedule, _ json: String) throws {
        #expect(try F.json(schedule) == json)
        #expect(try F.decode(Schedule.self, json) == schedule)
    }

    @Test("a due time defaults to 00:00 and a month offset to 0")
    func defaults() throws {
        #expect(
            try F.decode(Schedule.self, #"{"kind":"monthly","dueDay":23}"#) == .monthly(dueDay: 23, dueTime: .midnight, dueMonthOffset: 0))
        #expect(
            try F.decode(Schedule.self, #"{"kind":"weekly","dueWeekday":"friday"}"#) == .weekly(dueWeekday: .friday, dueTime: .midnight))
    }

    @Test(
        "invalid schedules are refused",
        arguments: [
            #"{"kind":"monthly","dueDay":32}"#, #"{"kind":"monthly","dueDay":0}"#,
            #"{"kind":"quarterly","dueDay":20,"dueMonthOffset":13}"#, #"{"kind":"annual","dueDay":20,"dueMonthOffset":-1}"#,
            #"{"kind":"fortnightly","dueDay":20}"#, #"{"kind":"weekly","dueTime":"15:00"}"#,
            #"{"kind":"weekly","dueWeekday":"Thursday"}"#, #"{"kind":"monthly","dueDay":23,"dueTime":"24:00"}"#,
            #"{"kind":"oneOff","dueDate":"2023-02-29"}"#, #"{"dueDay":23}"#, #"{"kind":"weekly"}"#,
        ])
    func refusals(_ json: String) {
        #expect(throws: DecodingError.self) { try F.decode(Schedule.self, json) }
    }

    @Test("the refusal names the rule broken")
    func refusalMessage() {
        do {
            _ = try F.decode(Schedule.self, #"{"kind":"monthly","dueDay":32}"#)
            Issue.record("a due day of 32 was accepted")
        } catch DecodingError.dataCorrupted(let context) {
            #expect(context.debugDescription.hasPrefix("due day 32 is outside 1–31"))
            #expect(context.codingPath.last?.stringValue == "dueDay")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }
}
