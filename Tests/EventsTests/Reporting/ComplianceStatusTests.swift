import Events
import Foundation
import Testing

private typealias F = ReportingFixture

/// `ComplianceStatus.evaluate`: an excuse wins; a first filing counts only once it has happened as of
/// `asOf`; overdue only from the deadline on. The deadline here is October 2024's "before the 23rd".
@Suite("Compliance status")
struct ComplianceStatusTests {
    static let deadline = F.instant("2024-10-23T00:00:00+07:00")

    @Test(
        "the status as it stood at asOf",
        arguments: [
            // Nothing filed.
            (nil, false, "2024-10-22T23:59:59+07:00", ComplianceStatus.notDue),
            (nil, false, "2024-10-23T00:00:00+07:00", .overdue(bySeconds: 0)),
            (nil, false, "2024-10-23T00:01:30+07:00", .overdue(bySeconds: 90)),
            (nil, false, "2024-10-25T00:00:00+07:00", .overdue(bySeconds: 172_800)),
            // Filed on time, seen only once filed.
            ("2024-10-22T10:00:00+07:00", false, "2024-10-22T09:59:59+07:00", .notDue),
            ("2024-10-22T10:00:00+07:00", false, "2024-10-22T10:00:00+07:00", .onTime),
            ("2024-10-22T10:00:00+07:00", false, "2024-11-30T00:00:00+07:00", .onTime),
            // Filed an hour late: not due before the deadline, overdue until filed, late from then on.
            ("2024-10-23T01:00:00+07:00", false, "2024-10-22T12:00:00+07:00", .notDue),
            ("2024-10-23T01:00:00+07:00", false, "2024-10-23T00:30:00+07:00", .overdue(bySeconds: 1_800)),
            ("2024-10-23T01:00:00+07:00", false, "2024-10-23T01:00:00+07:00", .late(bySeconds: 3_600)),
            ("2024-10-23T01:00:00+07:00", false, "2024-12-01T00:00:00+07:00", .late(bySeconds: 3_600)),
            // Filed exactly at the deadline: late by nothing; part-seconds are rounded down.
            ("2024-10-23T00:00:00+07:00", false, "2024-10-24T00:00:00+07:00", .late(bySeconds: 0)),
            ("2024-10-23T00:00:01.999999+07:00", false, "2024-10-24T00:00:00+07:00", .late(bySeconds: 1)),
            ("2024-10-22T23:59:59.999999+07:00", false, "2024-10-24T00:00:00+07:00", .onTime),
            // Excused wins over everything.
            (nil, true, "2024-11-30T00:00:00+07:00", .excused),
            (nil, true, "2024-10-01T00:00:00+07:00", .excused),
            ("2024-10-23T01:00:00+07:00", true, "2024-12-01T00:00:00+07:00", .excused),
        ] as [(String?, Bool, String, ComplianceStatus)])
    func evaluate(_ submitted: String?, _ excused: Bool, _ asOf: String, _ expected: ComplianceStatus) {
        let status = ComplianceStatus.evaluate(
            deadline: Self.deadline, firstSubmittedAt: submitted.map(F.instant), excused: excused, asOf: F.instant(asOf))
        #expect(status == expected)
    }

    @Test("Codable with a status and, for late and overdue, the seconds")
    func codable() throws {
        let statuses: [ComplianceStatus] = [.notDue, .onTime, .late(bySeconds: 90), .overdue(bySeconds: 3_600), .excused]
        let json =
            #"[{"status":"notDue"},{"status":"onTime"},{"bySeconds":90,"status":"late"},"#
            + #"{"bySeconds":3600,"status":"overdue"},{"status":"excused"}]"#
        #expect(try F.json(statuses) == json)
        #expect(try F.decode([ComplianceStatus].self, json) == statuses)
        #expect(throws: DecodingError.self) { try F.decode(ComplianceStatus.self, #"{"status":"lost"}"#) }
        #expect(throws: DecodingError.self) { try F.decode(ComplianceStatus.self, #"{"status":"late"}"#) }
    }
}
