import Events
import Foundation
import Testing

private typealias F = ReportingFixture

/// Where periods lie in the calendar: their days, their neighbours, and the period holding a date.
@Suite("Period calendar")
struct PeriodCalendarTests {
    @Test(
        "next period of the same kind",
        arguments: [
            ("2024-10", "2024-11"), ("2024-12", "2025-01"), ("2020-W53", "2021-W01"), ("2024-W52", "2025-W01"),
            ("2026-W52", "2026-W53"), ("2024-W42", "2024-W43"), ("2024-Q2", "2024-Q3"), ("2024-Q4", "2025-Q1"),
            ("2024-H1", "2024-H2"), ("2024-H2", "2025-H1"), ("2024-9M", "2025-9M"), ("2024", "2025"),
            ("2024-02-28", "2024-02-29"), ("2024-12-31", "2025-01-01"),
        ])
    func next(_ period: String, _ expected: String) {
        #expect(F.period(period).next?.description == expected)
    }

    @Test(
        "previous period of the same kind",
        arguments: [
            ("2025-01", "2024-12"), ("2021-W01", "2020-W53"), ("2025-W01", "2024-W52"), ("2027-W01", "2026-W53"),
            ("2024-Q1", "2023-Q4"), ("2024-H1", "2023-H2"), ("2024-9M", "2023-9M"), ("2024", "2023"),
            ("2024-03-01", "2024-02-29"), ("2023-03-01", "2023-02-28"),
        ])
    func previous(_ period: String, _ expected: String) {
        #expect(F.period(period).previous?.description == expected)
    }

    @Test("there is no period after 9999 or before 0001")
    func edges() {
        for text in ["9999-12", "9999-W52", "9999-Q4", "9999-H2", "9999-9M", "9999", "9999-12-31"] {
            #expect(F.period(text).next == nil, "\(text)")
        }
        for text in ["0001-01", "0001-W01", "0001-Q1", "0001-H1", "0001-9M", "0001", "0001-01-01"] {
            #expect(F.period(text).previous == nil, "\(text)")
        }
    }

    @Test(
        "first and last day",
        arguments: [
            ("2024-02", "2024-02-01", "2024-02-29"), ("2023-02", "2023-02-01", "2023-02-28"), ("2024-04", "2024-04-01", "2024-04-30"),
            ("2024-W42", "2024-10-14", "2024-10-20"), ("2020-W53", "2020-12-28", "2021-01-03"), ("2025-W01", "2024-12-30", "2025-01-05"),
            ("2026-W01", "2025-12-29", "2026-01-04"), ("2024-Q3", "2024-07-01", "2024-09-30"), ("2024-Q1", "2024-01-01", "2024-03-31"),
            ("2024-H2", "2024-07-01", "2024-12-31"), ("2024-9M", "2024-01-01", "2024-09-30"), ("2024", "2024-01-01", "2024-12-31"),
            ("2024-10-05", "2024-10-05", "2024-10-05"),
            // 9999-W52 runs to 10000-01-02, which the calendar cannot write: it is cut at 9999-12-31.
            ("9999-W52", "9999-12-27", "9999-12-31"),
        ])
    func days(_ period: String, _ first: String, _ last: String) {
        let period = F.period(period)
        #expect(period.firstDay.description == first)
        #expect(period.lastDay.description == last)
        #expect(period.contains(F.date(first)) && period.contains(F.date(last)))
    }

    @Test("a period holds only its own days")
    func contains() {
        let october = F.period("2024-10")
        #expect(!october.contains(F.date("2024-09-30")))
        #expect(!october.contains(F.date("2024-11-01")))
        let week = F.period("2020-W53")
        #expect(week.contains(F.date("2021-01-01")))
        #expect(!week.contains(F.date("2021-01-04")))
    }

    @Test(
        "the period of a kind that holds a date",
        arguments: [
            ("2021-01-01", Period.Kind.week, "2020-W53"), ("2026-01-01", .week, "2026-W01"), ("2024-12-30", .week, "2025-W01"),
            ("2024-10-17", .week, "2024-W42"), ("2024-10-20", .week, "2024-W42"), ("2024-10-21", .week, "2024-W43"),
            ("2024-10-05", .month, "2024-10"), ("2024-09-30", .quarter, "2024-Q3"), ("2024-10-01", .quarter, "2024-Q4"),
            ("2024-06-30", .halfYear, "2024-H1"), ("2024-07-01", .halfYear, "2024-H2"), ("2024-02-29", .nineMonths, "2024-9M"),
            ("2024-11-20", .nineMonths, "2024-9M"), ("2024-12-31", .year, "2024"), ("2024-10-05", .oneOff, "2024-10-05"),
        ])
    func containing(_ date: String, _ kind: Period.Kind, _ expected: String) {
        #expect(Period(kind, containing: F.date(date)).description == expected)
    }

    @Test("periods order by their days")
    func ordering() {
        let texts = ["2025-01", "2024-10", "2024-12", "2024-11"]
        #expect(texts.map(F.period).sorted().map(\.description) == ["2024-10", "2024-11", "2024-12", "2025-01"])
        #expect(F.period("2020-W53") < F.period("2021-W01"))
        #expect(F.period("2024-Q4") < F.period("2025-Q1"))
    }
}
