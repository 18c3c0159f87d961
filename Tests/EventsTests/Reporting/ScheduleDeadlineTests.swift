import Events
import Foundation
import Testing

private typealias F = ReportingFixture

/// Deadlines in local time (Asia/Ho_Chi_Minh, UTC+7 unless a test says otherwise): "before the 23rd" is
/// due at 00:00 on the 23rd; a first filing strictly before the deadline is on time, at or after it late.
@Suite("Schedule deadlines")
struct ScheduleDeadlineTests {
    static let beforeThe23rd = Schedule.monthly(dueDay: 23)
    static let thursdayAt1500 = Schedule.weekly(dueWeekday: .thursday, dueTime: F.time("15:00"))

    @Test("before the 23rd of every month: October 2024's report is due at 2024-10-22T17:00:00Z")
    func seedMonthly() throws {
        let deadline = try Self.beforeThe23rd.deadline(for: F.period("2024-10"), timeZone: F.vietnam)
        #expect(deadline.rfc3339 == "2024-10-22T17:00:00.000000Z")
        #expect(deadline == F.instant("2024-10-23T00:00:00+07:00"))
    }

    @Test(
        "a report at 23:59:59 on the 22nd is on time; at 00:00 or 00:00:01 on the 23rd it is late",
        arguments: [
            ("2024-10-22T23:59:59+07:00", ComplianceStatus.onTime),
            ("2024-10-22T23:59:59.999999+07:00", .onTime),
            ("2024-10-01T08:00:00+07:00", .onTime),
            ("2024-10-23T00:00:00+07:00", .late(bySeconds: 0)),
            ("2024-10-23T00:00:01+07:00", .late(bySeconds: 1)),
            ("2024-10-24T00:00:00+07:00", .late(bySeconds: 86_400)),
        ])
    func monthlyEdge(_ submitted: String, _ expected: ComplianceStatus) throws {
        let deadline = try Self.beforeThe23rd.deadline(for: F.period("2024-10"), timeZone: F.vietnam)
        let status = ComplianceStatus.evaluate(
            deadline: deadline, firstSubmittedAt: F.instant(submitted), excused: false,
            asOf: F.instant("2024-11-30T00:00:00+07:00"))
        #expect(status == expected)
    }

    @Test("before 15:00 every Thursday: 2024-W42 is due Thursday 2024-10-17 at 15:00 local")
    func seedWeekly() throws {
        let deadline = try Self.thursdayAt1500.deadline(for: F.period("2024-W42"), timeZone: F.vietnam)
        #expect(deadline == F.instant("2024-10-17T15:00:00+07:00"))
        #expect(deadline.rfc3339 == "2024-10-17T08:00:00.000000Z")
    }

    @Test(
        "Thursday 14:59 is on time, 15:00 and 15:01 late",
        arguments: [
            ("2024-10-17T14:59:00+07:00", ComplianceStatus.onTime), ("2024-10-17T14:59:59+07:00", .onTime),
            ("2024-10-17T15:00:00+07:00", .late(bySeconds: 0)), ("2024-10-17T15:01:00+07:00", .late(bySeconds: 60)),
            ("2024-10-17T08:00:00Z", .late(bySeconds: 0)), ("2024-10-17T07:59:00Z", .onTime),
        ])
    func weeklyEdge(_ submitted: String, _ expected: ComplianceStatus) throws {
        let deadline = try Self.thursdayAt1500.deadline(for: F.period("2024-W42"), timeZone: F.vietnam)
        let status = ComplianceStatus.evaluate(
            deadline: deadline, firstSubmittedAt: F.instant(submitted), excused: false,
            asOf: F.instant("2024-12-01T00:00:00+07:00"))
        #expect(status == expected)
    }

    @Test(
        "weekly deadlines across the turn of the year follow ISO weeks",
        arguments: [
            ("2020-W53", "2020-12-31T15:00:00+07:00"), ("2021-W01", "2021-01-07T15:00:00+07:00"),
            ("2025-W01", "2025-01-02T15:00:00+07:00"), ("2026-W53", "2026-12-31T15:00:00+07:00"),
        ])
    func weeklyAcrossYears(_ period: String, _ expected: String) throws {
        #expect(try Self.thursdayAt1500.deadline(for: F.period(period), timeZone: F.vietnam) == F.instant(expected))
    }

    @Test(
        "due days 29–31 fall on the last day of shorter months",
        arguments: [
            (31, "2024-02", "2024-02-29T00:00:00+07:00"), (31, "2023-02", "2023-02-28T00:00:00+07:00"),
            (31, "2024-04", "2024-04-30T00:00:00+07:00"), (31, "2024-01", "2024-01-31T00:00:00+07:00"),
            (30, "2024-02", "2024-02-29T00:00:00+07:00"), (29, "2023-02", "2023-02-28T00:00:00+07:00"),
            (29, "2024-02", "2024-02-29T00:00:00+07:00"), (30, "2024-06", "2024-06-30T00:00:00+07:00"),
            (28, "2023-02", "2023-02-28T00:00:00+07:00"), (1, "2024-03", "2024-03-01T00:00:00+07:00"),
        ])
    func monthEnds(_ dueDay: Int, _ period: String, _ expected: String) throws {
        let deadline = try Schedule.monthly(dueDay: .before(dueDay)).deadline(for: F.period(period), timeZone: F.vietnam)
        #expect(deadline == F.instant(expected))
    }

    @Test(
        "longer periods are due on the due day of their last month, plus the month offset, at the due time",
        arguments: [
            (Schedule.quarterly(dueDay: 20, dueMonthOffset: 1), "2024-Q3", "2024-10-20T00:00:00+07:00"),
            (.quarterly(dueDay: 25), "2024-Q4", "2024-12-25T00:00:00+07:00"),
            (.quarterly(dueDay: 31), "2024-Q2", "2024-06-30T00:00:00+07:00"),
            (.sixMonthly(dueDay: 20), "2024-H1", "2024-06-20T00:00:00+07:00"),
            (.sixMonthly(dueDay: 15, dueMonthOffset: 1), "2024-H2", "2025-01-15T00:00:00+07:00"),
            (.nineMonths(dueDay: 25), "2024-9M", "2024-09-25T00:00:00+07:00"),
            (.nineMonths(dueDay: 25, dueTime: F.time("17:00")), "2024-9M", "2024-09-25T17:00:00+07:00"),
            (.annual(dueDay: 25), "2024", "2024-12-25T00:00:00+07:00"),
            (.annual(dueDay: 31, dueMonthOffset: 2), "2024", "2025-02-28T00:00:00+07:00"),
            (.monthly(dueDay: 20, dueTime: F.time("09:30"), dueMonthOffset: 1), "2024-12", "2025-01-20T09:30:00+07:00"),
            (.monthly(dueDay: 21), "2024-10", "2024-10-21T00:00:00+07:00"),
            (.oneOff(dueDate: F.date("2024-10-05"), dueTime: F.time("17:00")), "2024-10-05", "2024-10-05T17:00:00+07:00"),
            (.oneOff(dueDate: F.date("2024-10-05")), "2024-10-05", "2024-10-05T00:00:00+07:00"),
        ])
    func longerPeriods(_ schedule: Schedule, _ period: String, _ expected: String) throws {
        #expect(try schedule.deadline(for: F.period(period), timeZone: F.vietnam) == F.instant(expected))
    }

    @Test("the zone passed in is the one used")
    func zones() throws {
        let october = F.period("2024-10")
        #expect(try Self.beforeThe23rd.deadline(for: october, timeZone: F.utc) == F.instant("2024-10-23T00:00:00Z"))
        #expect(try Self.beforeThe23rd.deadline(for: october, timeZone: F.newYork) == F.instant("2024-10-23T00:00:00-04:00"))
        // 02:30 on 10 March 2024 does not exist in New York; the deadline moves on to 03:30 EDT.
        let skipped = Schedule.monthly(dueDay: 10, dueTime: F.time("02:30"))
        #expect(try skipped.deadline(for: F.period("2024-03"), timeZone: F.newYork) == F.instant("2024-03-10T07:30:00Z"))
    }

    @Test("the local due date is available for display")
    func dueDate() throws {
        #expect(try Schedule.monthly(dueDay: 31).dueDate(for: F.period("2024-02")).description == "2024-02-29")
        #expect(try Self.thursdayAt1500.dueDate(for: F.period("2021-W01")).description == "2021-01-07")
        #expect(Self.thursdayAt1500.dueTime.description == "15:00")
        #expect(Schedule.oneOff(dueDate: F.date("2024-10-05")).dueTime == .midnight)
    }

    @Test(
        "a period of another kind is refused",
        arguments: [
            (ScheduleDeadlineTests.beforeThe23rd, "2024-W42", Period.Kind.month),
            (ScheduleDeadlineTests.thursdayAt1500, "2024-10", .week),
            (.quarterly(dueDay: 20), "2024-H1", .quarter), (.sixMonthly(dueDay: 20), "2024-Q2", .halfYear),
            (.nineMonths(dueDay: 25), "2024", .nineMonths), (.annual(dueDay: 25), "2024-9M", .year),
            (.oneOff(dueDate: F.date("2024-10-05")), "2024-10", .oneOff),
        ])
    func kindMismatch(_ schedule: Schedule, _ period: String, _ expected: Period.Kind) {
        #expect(throws: ScheduleError.periodKindMismatch(expected: expected, period: F.period(period))) {
            try schedule.deadline(for: F.period(period), timeZone: F.vietnam)
        }
    }

    @Test("a one-off schedule has no period but its own")
    func oneOffOtherDate() {
        let schedule = Schedule.oneOff(dueDate: F.date("2024-10-05"))
        #expect(throws: ScheduleError.notTheOneOffPeriod(expected: F.period("2024-10-05"), period: F.period("2024-10-06"))) {
            try schedule.deadline(for: F.period("2024-10-06"), timeZone: F.vietnam)
        }
    }

    @Test(
        "due days outside 1–31 and month offsets outside 0–12 are refused",
        arguments: [
            (Schedule.monthly(dueDay: 0), ScheduleError.dueDayOutOfRange(0)), (.monthly(dueDay: 32), .dueDayOutOfRange(32)),
            (.quarterly(dueDay: -1), .dueDayOutOfRange(-1)), (.annual(dueDay: 100), .dueDayOutOfRange(100)),
            (.monthly(dueDay: 23, dueMonthOffset: -1), .dueMonthOffsetOutOfRange(-1)),
            (.sixMonthly(dueDay: 23, dueMonthOffset: 13), .dueMonthOffsetOutOfRange(13)),
        ])
    func invalidSchedules(_ schedule: Schedule, _ error: ScheduleError) {
        #expect(throws: error) { try schedule.validate() }
        #expect(throws: error) { try schedule.deadline(for: schedule.period(containing: F.date("2024-10-05")), timeZone: F.vietnam) }
    }

    @Test("the edges of the accepted ranges are fine")
    func validEdges() throws {
        try Schedule.monthly(dueDay: 1).validate()
        try Schedule.monthly(dueDay: 31, dueMonthOffset: 12).validate()
        try Schedule.quarterly(dueDay: 28, dueMonthOffset: 0).validate()
        #expect(
            try Schedule.monthly(dueDay: 5, dueMonthOffset: 12).deadline(for: F.period("2024-10"), timeZone: F.vietnam)
                == F.instant("2025-10-05T00:00:00+07:00"))
    }

    @Test("a deadline after 9999-12-31 is refused, not wrapped")
    func outsideTheCalendar() {
        #expect(throws: ScheduleError.deadlineOutsideCalendar(F.period("9999-12"))) {
            try Schedule.monthly(dueDay: 5, dueMonthOffset: 1).deadline(for: F.period("9999-12"), timeZone: F.vietnam)
        }
        #expect(throws: ScheduleError.deadlineOutsideCalendar(F.period("9999-W52"))) {
            try Schedule.weekly(dueWeekday: .sunday).deadline(for: F.period("9999-W52"), timeZone: F.vietnam)
        }
    }

    @Test("refusals say what is wrong")
    func messages() {
        #expect(
            ScheduleError.periodKindMismatch(expected: .month, period: F.period("2024-W42")).description
                == "this schedule has one report per month; 2024-W42 is an ISO week")
        #expect(ScheduleError.dueDayOutOfRange(32).description.hasPrefix("due day 32 is outside 1–31"))
        #expect(
            ScheduleError.notTheOneOffPeriod(expected: F.period("2024-10-05"), period: F.period("2024-10-06")).description
                == "this one-off schedule's only period is 2024-10-05, not 2024-10-06")
    }
}
