import Events
import Foundation
import Testing

private typealias F = ReportingFixture

/// Data windows of Decree 09/2019/NĐ-CP Art. 12: the 15th of the month before a period to the 14th of its
/// last month; a week is Monday–Sunday and a one-off period its own day.
@Suite("Data windows")
struct DataWindowTests {
    @Test(
        "the default window of each kind of period",
        arguments: [
            ("2024-10", "2024-09-15", "2024-10-14"), ("2024-03", "2024-02-15", "2024-03-14"),
            ("2024-01", "2023-12-15", "2024-01-14"), ("2024-12", "2024-11-15", "2024-12-14"),
            ("2024-Q1", "2023-12-15", "2024-03-14"), ("2024-Q3", "2024-06-15", "2024-09-14"),
            ("2024-Q4", "2024-09-15", "2024-12-14"),
            ("2024-H1", "2023-12-15", "2024-06-14"), ("2024-H2", "2024-06-15", "2024-12-14"),
            ("2024-9M", "2023-12-15", "2024-09-14"), ("2024", "2023-12-15", "2024-12-14"),
            ("2024-W42", "2024-10-14", "2024-10-20"), ("2020-W53", "2020-12-28", "2021-01-03"),
            ("2025-W01", "2024-12-30", "2025-01-05"), ("2024-10-05", "2024-10-05", "2024-10-05"),
        ])
    func standard(_ period: String, _ from: String, _ to: String) {
        let window = DataWindow.standard(for: F.period(period))
        #expect(window.from.description == from)
        #expect(window.to.description == to)
    }

    @Test("at the ends of the calendar the window is cut at 0001-01-01 and 9999-12-31")
    func calendarEnds() {
        let first = DataWindow.standard(for: F.period("0001-01"))
        #expect((first.from.description, first.to.description) == ("0001-01-01", "0001-01-14"))
        let last = DataWindow.standard(for: F.period("9999-W52"))
        #expect((last.from.description, last.to.description) == ("9999-12-27", "9999-12-31"))
    }

    @Test("a window holds its ends and nothing outside them")
    func contains() {
        let october = DataWindow.standard(for: F.period("2024-10"))
        #expect(october.contains(F.date("2024-09-15")))
        #expect(october.contains(F.date("2024-10-14")))
        #expect(!october.contains(F.date("2024-09-14")))
        #expect(!october.contains(F.date("2024-10-15")))
    }

    @Test("every day of 2024 lies in exactly one monthly window, and the December one reaches into 2023")
    func monthlyWindowsTile() throws {
        let months = try (1...12).map { try Period.month(year: 2024, month: $0) }
        let windows = months.map(DataWindow.standard(for:)) + [DataWindow.standard(for: F.period("2025-01"))]
        var day = F.date("2023-12-15")
        while day <= F.date("2025-01-14") {
            #expect(windows.filter { $0.contains(day) }.count == 1, "\(day)")
            day = try #require(day.adding(days: 1))
        }
    }

    @Test("a window that ends before it starts cannot be made or decoded")
    func reversed() {
        #expect(DataWindow(from: F.date("2024-10-15"), to: F.date("2024-10-14")) == nil)
        #expect(DataWindow(from: F.date("2024-10-14"), to: F.date("2024-10-14")) != nil)
        #expect(throws: DecodingError.self) { try F.decode(DataWindow.self, #"{"from":"2024-10-15","to":"2024-10-14"}"#) }
    }

    @Test("Codable as two dates")
    func codable() throws {
        let window = DataWindow.standard(for: F.period("2024-10"))
        #expect(try F.json(window) == #"{"from":"2024-09-15","to":"2024-10-14"}"#)
        #expect(try F.decode(DataWindow.self, #"{"from":"2024-09-15","to":"2024-10-14"}"#) == window)
    }
}
