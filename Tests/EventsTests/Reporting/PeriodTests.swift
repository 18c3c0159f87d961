import Events
import Foundation
import Testing

private typealias F = ReportingFixture

/// `Period`'s one readable form: every kind parses and prints back the same, anything else is refused
/// with a reason.
@Suite("Period text")
struct PeriodTests {
    @Test(
        "parses and prints back the same text",
        arguments: [
            ("2024-10", Period.Kind.month, 2024), ("2024-01", .month, 2024), ("9999-12", .month, 9999),
            ("2024-W42", .week, 2024), ("2024-W01", .week, 2024), ("2020-W53", .week, 2020), ("2026-W53", .week, 2026),
            ("2024-Q3", .quarter, 2024), ("2024-Q1", .quarter, 2024), ("2024-H1", .halfYear, 2024), ("2024-H2", .halfYear, 2024),
            ("2024-9M", .nineMonths, 2024), ("2024", .year, 2024), ("0001", .year, 1),
            ("2024-10-05", .oneOff, 2024), ("2024-02-29", .oneOff, 2024),
        ])
    func roundTrip(_ text: String, _ kind: Period.Kind, _ year: Int) throws {
        let period = try Period(parsing: text)
        #expect(period.description == text)
        #expect(period.kind == kind)
        #expect(period.year == year)
    }

    @Test("the factories make the periods the text names")
    func factories() throws {
        #expect(try Period.month(year: 2024, month: 10).description == "2024-10")
        #expect(try Period.month(year: 2024, month: 1).description == "2024-01")
        #expect(try Period.week(year: 2024, week: 42).description == "2024-W42")
        #expect(try Period.week(year: 2026, week: 3).description == "2026-W03")
        #expect(try Period.quarter(year: 2024, quarter: 3).description == "2024-Q3")
        #expect(try Period.halfYear(year: 2024, half: 2).description == "2024-H2")
        #expect(try Period.nineMonths(year: 2024).description == "2024-9M")
        #expect(try Period.year(2024).description == "2024")
        #expect(Period.oneOff(F.date("2024-10-05")).description == "2024-10-05")
        #expect(try Period.month(year: 2024, month: 10) == Period(parsing: "2024-10"))
        #expect(try Period.week(year: 2024, week: 42) != Period(parsing: "2024-10"))
    }

    @Test(
        "refuses numbers the calendar does not have",
        arguments: [
            ("2024-13", PeriodError.monthOutOfRange(13)), ("2024-00", .monthOutOfRange(0)),
            ("2024-W54", .weekOutOfRange(year: 2024, week: 54, weeksInYear: 52)),
            ("2023-W53", .weekOutOfRange(year: 2023, week: 53, weeksInYear: 52)),
            ("2024-W53", .weekOutOfRange(year: 2024, week: 53, weeksInYear: 52)),
            ("2020-W54", .weekOutOfRange(year: 2020, week: 54, weeksInYear: 53)),
            ("2024-W00", .weekOutOfRange(year: 2024, week: 0, weeksInYear: 52)),
            ("2024-Q5", .quarterOutOfRange(5)), ("2024-Q0", .quarterOutOfRange(0)),
            ("2024-H3", .halfYearOutOfRange(3)), ("2024-H0", .halfYearOutOfRange(0)),
            ("0000", .yearOutOfRange(0)), ("0000-10", .yearOutOfRange(0)),
            ("2023-02-29", .invalidDate(.nonexistentDate(year: 2023, month: 2, day: 29))),
            ("2024-10-32", .invalidDate(.nonexistentDate(year: 2024, month: 10, day: 32))),
        ])
    func outOfRange(_ text: String, _ error: PeriodError) {
        #expect(throws: error) { try Period(parsing: text) }
    }

    @Test(
        "refuses text in none of the forms",
        arguments: [
            "", "2024-", "24-10", "2024-1", "2024-W4", "2024-W042", "2024-w42", "2024-q3", "2024-h1", "2024-9m",
            "2024-M9", "2024-6M", "2024-Q", "2024-Q10", "2024-H", "2024-10 ", " 2024", "2024/10", "20244", "+2024",
            "２０２４", "2024-10-5", "2024-1x-05", "2024-10-05T00:00", "2024-W42-1", "Q3-2024",
        ])
    func unrecognised(_ text: String) {
        #expect(throws: PeriodError.unrecognised(text)) { try Period(parsing: text) }
    }

    @Test("refusals say what is wrong")
    func messages() {
        #expect(
            PeriodError.weekOutOfRange(year: 2023, week: 53, weeksInYear: 52).description
                == "2023 has 52 ISO weeks (W01–W52), so week 53 does not exist")
        #expect(PeriodError.monthOutOfRange(13).description == "month 13 does not exist; months are 01–12")
        #expect(PeriodError.quarterOutOfRange(5).description == "quarter 5 does not exist; quarters are Q1–Q4")
        #expect(PeriodError.unrecognised("2024-X1").description.hasPrefix("'2024-X1' is not a period; write a month 2024-10"))
    }

    @Test("the factories refuse what parsing refuses")
    func factoryRefusals() {
        #expect(throws: PeriodError.monthOutOfRange(13)) { try Period.month(year: 2024, month: 13) }
        #expect(throws: PeriodError.weekOutOfRange(year: 2023, week: 53, weeksInYear: 52)) { try Period.week(year: 2023, week: 53) }
        #expect(throws: PeriodError.yearOutOfRange(10_000)) { try Period.year(10_000) }
        #expect(throws: PeriodError.yearOutOfRange(0)) { try Period.nineMonths(year: 0) }
    }

    @Test("Codable as its readable text, refusing anything else")
    func codable() throws {
        let periods = ["2024-10", "2024-W42", "2024-Q3", "2024-H1", "2024-9M", "2024", "2024-10-05"].map(F.period)
        let json = #"["2024-10","2024-W42","2024-Q3","2024-H1","2024-9M","2024","2024-10-05"]"#
        #expect(try F.json(periods) == json)
        #expect(try F.decode([Period].self, json) == periods)
        #expect(throws: DecodingError.self) { try F.decode([Period].self, #"["2024-13"]"#) }
        #expect(throws: DecodingError.self) { try F.decode([Period].self, #"["2023-W53"]"#) }
    }
}
