import Events
import Foundation
import Testing

private typealias F = ReportingFixture

/// Which periods a schedule has: the one holding a date, a bounded range, and the next one due.
@Suite("Schedule periods")
struct SchedulePeriodsTests {
    static let beforeThe23rd = Schedule.monthly(dueDay: 23)
    static let thursdayAt1500 = Schedule.weekly(dueWeekday: .thursday, dueTime: F.time("15:00"))

    @Test(
        "the period holding a date",
        arguments: [
            (SchedulePeriodsTests.beforeThe23rd, "2024-10-05", "2024-10"), (SchedulePeriodsTests.beforeThe23rd, "2024-10-31", "2024-10"),
            (SchedulePeriodsTests.thursdayAt1500, "2021-01-01", "2020-W53"),
            (SchedulePeriodsTests.thursdayAt1500, "2024-12-30", "2025-W01"),
            (.quarterly(dueDay: 20), "2024-08-15", "2024-Q3"), (.sixMonthly(dueDay: 20), "2024-08-15", "2024-H2"),
            (.nineMonths(dueDay: 25), "2024-08-15", "2024-9M"), (.annual(dueDay: 25), "2024-08-15", "2024"),
            // A one-off schedule has one period, whatever the date.
            (.oneOff(dueDate: F.date("2024-10-05")), "2024-12-01", "2024-10-05"),
        ])
    func containing(_ schedule: Schedule, _ date: String, _ expected: String) {
        #expect(schedule.period(containing: F.date(date)).description == expected)
    }

    @Test(
        "periods from one through another, both included",
        arguments: [
            (SchedulePeriodsTests.beforeThe23rd, "2024-11", "2025-02", ["2024-11", "2024-12", "2025-01", "2025-02"]),
            (SchedulePeriodsTests.beforeThe23rd, "2024-10", "2024-10", ["2024-10"]),
            (SchedulePeriodsTests.thursdayAt1500, "2020-W52", "2021-W02", ["2020-W52", "2020-W53", "2021-W01", "2021-W02"]),
            (.quarterly(dueDay: 20), "2024-Q3", "2025-Q2", ["2024-Q3", "2024-Q4", "2025-Q1", "2025-Q2"]),
            (.sixMonthly(dueDay: 20), "2024-H2", "2025-H2", ["2024-H2", "2025-H1", "2025-H2"]),
            (.annual(dueDay: 25), "2023", "2025", ["2023", "2024", "2025"]),
            (.oneOff(dueDate: F.date("2024-10-05")), "2024-10-01", "2024-10-31", ["2024-10-05"]),
            (.oneOff(dueDate: F.date("2024-10-05")), "2024-10-06", "2024-10-31", []),
        ])
    func range(_ schedule: Schedule, _ first: String, _ last: String, _ expected: [String]) throws {
        #expect(try schedule.periods(from: F.period(first), through: F.period(last)).map(\.description) == expected)
    }

    @Test("a range is bounded: 1,000 months are listed, 1,001 refused")
    func bounded() throws {
        // 2000-01 plus 999 months is 2083-04 (83 years and 3 months).
        let thousand = try Self.beforeThe23rd.periods(from: F.period("2000-01"), through: F.period("2083-04"))
        #expect(thousand.count == 1_000)
        #expect(thousand.last?.description == "2083-04")
        #expect(throws: ScheduleError.tooManyPeriods(from: F.period("2000-01"), through: F.period("2083-05"), limit: 1_000)) {
            try Self.beforeThe23rd.periods(from: F.period("2000-01"), through: F.period("2083-05"))
        }
        #expect(throws: ScheduleError.self) {
            try Self.thursdayAt1500.periods(from: F.period("0001-W01"), through: F.period("9999-W52"))
        }
    }

    @Test("a reversed range or a period of another kind is refused")
    func refusals() {
        #expect(throws: ScheduleError.rangeReversed(from: F.period("2024-11"), through: F.period("2024-10"))) {
            try Self.beforeThe23rd.periods(from: F.period("2024-11"), through: F.period("2024-10"))
        }
        #expect(throws: ScheduleError.periodKindMismatch(expected: .month, period: F.period("2024-W50"))) {
            try Self.beforeThe23rd.periods(from: F.period("2024-10"), through: F.period("2024-W50"))
        }
        #expect(throws: ScheduleError.periodKindMismatch(expected: .week, period: F.period("2024-10"))) {
            try Self.thursdayAt1500.periods(from: F.period("2024-10"), through: F.period("2024-W50"))
        }
    }

    @Test(
        "the period due next is the earliest whose deadline is after the instant",
        arguments: [
            (SchedulePeriodsTests.beforeThe23rd, "2024-10-05T12:00:00+07:00", "2024-10"),
            (SchedulePeriodsTests.beforeThe23rd, "2024-10-22T23:59:59+07:00", "2024-10"),
            // At the deadline instant itself, October is no longer due: it is late.
            (SchedulePeriodsTests.beforeThe23rd, "2024-10-23T00:00:00+07:00", "2024-11"),
            (SchedulePeriodsTests.beforeThe23rd, "2024-12-31T23:00:00+07:00", "2025-01"),
            // Due the 20th of the month after: on 5 October, September's report is still to come.
            (.monthly(dueDay: 20, dueMonthOffset: 1), "2024-10-05T00:00:00+07:00", "2024-09"),
            (.monthly(dueDay: 20, dueMonthOffset: 1), "2024-10-20T00:00:00+07:00", "2024-10"),
            (SchedulePeriodsTests.thursdayAt1500, "2024-10-17T14:59:00+07:00", "2024-W42"),
            (SchedulePeriodsTests.thursdayAt1500, "2024-10-17T15:00:00+07:00", "2024-W43"),
            (SchedulePeriodsTests.thursdayAt1500, "2020-12-31T16:00:00+07:00", "2021-W01"),
            (SchedulePeriodsTests.thursdayAt1500, "2024-12-29T12:00:00+07:00", "2025-W01"),
            (.quarterly(dueDay: 20, dueMonthOffset: 1), "2024-10-19T12:00:00+07:00", "2024-Q3"),
            (.quarterly(dueDay: 20, dueMonthOffset: 1), "2024-10-21T12:00:00+07:00", "2024-Q4"),
            (.annual(dueDay: 25, dueMonthOffset: 1), "2025-01-10T00:00:00+07:00", "2024"),
            (.annual(dueDay: 25, dueMonthOffset: 1), "2025-01-26T00:00:00+07:00", "2025"),
            (.nineMonths(dueDay: 25), "2024-09-24T00:00:00+07:00", "2024-9M"),
            (.nineMonths(dueDay: 25), "2024-11-01T00:00:00+07:00", "2025-9M"),
            (.monthly(dueDay: 10, dueMonthOffset: 12), "2024-10-05T00:00:00+07:00", "2023-10"),
        ])
    func dueNext(_ schedule: Schedule, _ instant: String, _ expected: String) throws {
        #expect(try schedule.periodDue(after: F.instant(instant), timeZone: F.vietnam)?.description == expected)
    }

    @Test("the zone decides which side of a deadline an instant is on")
    func dueNextInAnotherZone() throws {
        // 2024-10-22T20:00Z is 03:00 on the 23rd in Ho Chi Minh City but still 20:00 on the 22nd in UTC.
        let instant = F.instant("2024-10-22T20:00:00Z")
        #expect(try Self.beforeThe23rd.periodDue(after: instant, timeZone: F.vietnam)?.description == "2024-11")
        #expect(try Self.beforeThe23rd.periodDue(after: instant, timeZone: F.utc)?.description == "2024-10")
    }

    @Test("a one-off schedule is due until its deadline, then nothing is")
    func oneOffDue() throws {
        let schedule = Schedule.oneOff(dueDate: F.date("2024-10-05"), dueTime: F.time("17:00"))
        #expect(try schedule.periodDue(after: F.instant("2024-10-05T16:59:59+07:00"), timeZone: F.vietnam)?.description == "2024-10-05")
        #expect(try schedule.periodDue(after: F.instant("2024-10-05T17:00:00+07:00"), timeZone: F.vietnam) == nil)
    }

    @Test("an instant outside the calendar is refused")
    func instantOutsideTheCalendar() {
        let instant = Timestamp(microsecondsSinceEpoch: .max)
        #expect(throws: ScheduleError.instantOutsideCalendar(instant)) {
            try Self.beforeThe23rd.periodDue(after: instant, timeZone: F.vietnam)
        }
    }
}
