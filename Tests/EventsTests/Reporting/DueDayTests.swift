import Events
import Foundation
import Testing

private typealias F = ReportingFixture

/// "No later than the Nth" (`dueBy`) and "monthly" with no day (by the month's end), next to the
/// "before the Nth" form schedules always had (`dueDay`).
@Suite("Due days")
struct DueDayTests {
    static func local(_ text: String) -> Timestamp { Timestamp(rfc3339: text + "+07:00")! }

    @Test(
        "no later than the Nth is the end of day N, clamped to the month's last day",
        arguments: [
            (DueDay.by(20), "2024-10", "2024-10-21T00:00:00"),
            (.by(30), "2024-02", "2024-03-01T00:00:00"),
            (.by(30), "2023-02", "2023-03-01T00:00:00"),
            (.by(30), "2024-04", "2024-05-01T00:00:00"),
            (.by(30), "2024-05", "2024-05-31T00:00:00"),
            (.by(31), "2024-12", "2025-01-01T00:00:00"),
            (.monthEnd, "2024-06", "2024-07-01T00:00:00"),
            (.before(23), "2024-10", "2024-10-23T00:00:00"),
            (.before(31), "2024-02", "2024-02-29T00:00:00"),
        ])
    func deadlines(_ day: DueDay, _ period: String, _ deadline: String) throws {
        #expect(try Schedule.monthly(dueDay: day).deadline(for: F.period(period), timeZone: F.vietnam) == Self.local(deadline))
    }

    @Test("a due time on a dueBy day is that time on the day")
    func dueByWithATime() throws {
        let schedule = Schedule.monthly(dueDay: .by(20), dueTime: F.time("17:00"))
        #expect(try schedule.deadline(for: F.period("2024-10"), timeZone: F.vietnam) == Self.local("2024-10-20T17:00:00"))
        #expect(try Schedule.monthly(dueDay: .by(20)).dueDate(for: F.period("2024-10")) == F.date("2024-10-20"))
    }

    @Test("the end of 9999-12-31 is outside the calendar")
    func endOfCalendar() {
        #expect(throws: ScheduleError.deadlineOutsideCalendar(F.period("9999-12"))) {
            try Schedule.monthly(dueDay: .by(31)).deadline(for: F.period("9999-12"), timeZone: F.vietnam)
        }
    }

    @Test(
        "JSON: dueBy, dueDay, neither (the month's end), not both",
        arguments: [
            (#"{"kind":"monthly","dueBy":20}"#, Schedule.monthly(dueDay: .by(20))),
            (#"{"kind":"monthly"}"#, .monthly(dueDay: .monthEnd)),
            (#"{"kind":"quarterly","dueMonthOffset":1}"#, .quarterly(dueDay: .monthEnd, dueMonthOffset: 1)),
            (#"{"kind":"monthly","dueDay":23}"#, .monthly(dueDay: .before(23))),
        ])
    func decodes(_ json: String, _ schedule: Schedule) throws {
        #expect(try F.decode(Schedule.self, json) == schedule)
    }

    @Test("JSON round trip writes dueBy for the by form and dueDay for the before form")
    func encodes() throws {
        #expect(try F.json(Schedule.monthly(dueDay: .by(20))) == #"{"dueBy":20,"dueMonthOffset":0,"dueTime":"00:00","kind":"monthly"}"#)
        #expect(try F.json(Schedule.monthly(dueDay: 23)) == #"{"dueDay":23,"dueMonthOffset":0,"dueTime":"00:00","kind":"monthly"}"#)
    }

    @Test("JSON refusals name the member", arguments: [#"{"kind":"monthly","dueDay":20,"dueBy":20}"#, #"{"kind":"monthly","dueBy":32}"#])
    func refusals(_ json: String) {
        do {
            _ = try F.decode(Schedule.self, json)
            Issue.record("accepted \(json)")
        } catch DecodingError.dataCorrupted(let context) {
            #expect(context.codingPath.last?.stringValue == "dueBy")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }
}
