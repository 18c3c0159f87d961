import Events
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Synchronization
import Testing

/// A settable clock for tests that move through a reporting month.
final class TestClock: Sendable {
    private let value: Mutex<Timestamp>
    init(_ start: String) { value = Mutex(Timestamp(rfc3339: start)!) }
    func now() -> Timestamp { value.withLock { $0 } }
    func set(_ text: String) { value.withLock { $0 = Timestamp(rfc3339: text)! } }
}

/// Compliance through the running router: a month of reports filed at different times, the table now
/// and as of past instants, the roll-up per child unit, the DIC's consolidation, and who may look.
@Suite struct ComplianceAPITests {
    struct Table: Decodable {
        struct Row: Decodable {
            var unitId: String
            var status: String
            var bySeconds: Int64?
            var summary: String?
        }
        struct Counts: Decodable {
            var expected: Int
            var onTime: Int
            var late: Int
            var overdue: Int
            var onTimeRate: Double?
        }
        var deadline: String
        var counts: Counts
        var rows: [Row]
        func status(_ unit: String) -> String? { rows.first { $0.unitId == unit }?.status }
    }
    struct Summary: Decodable {
        struct Child: Decodable {
            var unitId: String
            var counts: Table.Counts
        }
        var total: Table.Counts
        var children: [Child]
    }

    static func file(_ client: some TestClientProtocol, _ auth: HTTPFields, unit: String, summary: String) async throws {
        let json = #"{"obligationId":"thang-dic","unitId":"\#(unit)","period":"2024-10","summary":"\#(summary)"}"#
        try await client.execute(uri: "/v1/reports", method: .post, headers: auth, body: ByteBuffer(string: json)) {
            #expect($0.status == .created, "\(String(buffer: $0.body))")
        }
    }

    @Test func aMonthOfReportsNowAndInThePast() async throws {
        let clock = TestClock("2024-10-01T08:00:00+07:00")
        try await APIHarness.with(now: { clock.now() }) { harness, client in
            try await ReportsAPITests.province(harness, client)
            clock.set("2024-10-22T23:59:59+07:00")
            try await Self.file(client, try await harness.bearer(.unitOfficer, unit: "so-yte"), unit: "so-yte", summary: "Y tế: ổn định")
            clock.set("2024-10-24T09:00:00+07:00")
            try await Self.file(client, try await harness.bearer(.unitOfficer, unit: "huyen-a"), unit: "huyen-a", summary: "Huyện A: GPMB")
            clock.set("2024-10-25T08:00:00+07:00")

            let province = try await harness.bearer(.supervisor, unit: "tinh")
            func table(_ query: String = "") async throws -> Table {
                try await client.execute(uri: "/v1/compliance?obligation=thang-dic&period=2024-10\(query)", method: .get, headers: province)
                {
                    #expect($0.status == .ok, "\(String(buffer: $0.body))")
                    return try $0.json(Table.self)
                }
            }
            let now = try await table()
            #expect(now.deadline == "2024-10-23T00:00:00+07:00")
            #expect(now.status("so-yte") == "onTime", "23:59:59 on the 22nd is on time")
            #expect(now.status("huyen-a") == "late")
            let lateBy = now.rows.first(where: { $0.unitId == "huyen-a" })?.bySeconds
            #expect(lateBy == Int64(33 * 3600))
            #expect(now.status("so-tttt") == nil, "the recipient does not report to itself")
            #expect(now.counts.expected == 2)

            let before = try await table("&asOf=2024-10-22T12:00:00%2B07:00")
            #expect(before.status("so-yte") == "notDue")
            #expect(before.status("huyen-a") == "notDue")
            let between = try await table("&asOf=2024-10-23T12:00:00%2B07:00")
            #expect(between.status("so-yte") == "onTime")
            #expect(between.status("huyen-a") == "overdue")
            let overdueBy = between.rows.first(where: { $0.unitId == "huyen-a" })?.bySeconds
            #expect(overdueBy == Int64(12 * 3600))
            let overdueOnly = try await table("&status=overdue&asOf=2024-10-23T12:00:00%2B07:00")
            #expect(overdueOnly.rows.map(\.unitId) == ["huyen-a"])

            let summary = try await client.execute(uri: "/v1/compliance/summary?under=tinh&period=2024-10", method: .get, headers: province)
            {
                #expect($0.status == .ok, "\(String(buffer: $0.body))")
                return try $0.json(Summary.self)
            }
            #expect(summary.total.expected == 2)
            #expect(summary.total.onTimeRate == 0.5)
            #expect(Set(summary.children.map(\.unitId)) == ["so-yte", "huyen-a"])

            let dic = try await harness.bearer(.supervisor, unit: "so-tttt")
            let consolidation = try await client.execute(
                uri: "/v1/consolidations/thang-dic/2024-10?recipient=so-tttt", method: .get, headers: dic
            ) {
                #expect($0.status == .ok, "\(String(buffer: $0.body))")
                return try $0.json(Table.self)
            }
            let summaryOfA = consolidation.rows.first(where: { $0.unitId == "huyen-a" })?.summary
            #expect(summaryOfA == "Huyện A: GPMB")
        }
    }

    @Test func whoMayLook() async throws {
        try await APIHarness.with(now: { Timestamp(rfc3339: "2024-10-25T08:00:00+07:00")! }) { harness, client in
            try await ReportsAPITests.province(harness, client)
            let officer = try await harness.bearer(.unitOfficer, unit: "so-yte")
            try await client.execute(uri: "/v1/compliance?obligation=thang-dic&period=2024-10", method: .get, headers: officer) {
                #expect($0.status == .forbidden)
            }
            let department = try await harness.bearer(.supervisor, unit: "so-yte")
            try await client.execute(
                uri: "/v1/compliance?obligation=thang-dic&period=2024-10&under=tinh", method: .get, headers: department
            ) {
                #expect($0.status == .forbidden, "the province is outside a department's subtree")
            }
            try await client.execute(uri: "/v1/consolidations/thang-dic/2024-10", method: .get, headers: department) {
                #expect($0.status == .forbidden, "only the recipient consolidates")
            }
            let auditor = try await harness.bearer(.auditor)
            try await client.execute(uri: "/v1/compliance?obligation=thang-dic&period=2024-10", method: .get, headers: auditor) {
                #expect($0.status == .ok)
            }
            try await client.execute(uri: "/v1/compliance?obligation=thang-dic&period=2024-W42", method: .get, headers: auditor) {
                #expect($0.status == .notFound)
            }
            try await client.execute(uri: "/v1/compliance?period=2024-10", method: .get, headers: auditor) { response in
                #expect(response.status == .badRequest)
                let problem = try response.json(Problem.self)
                #expect(problem.field == "obligation")
            }
        }
    }
}

/// A unit's compliance history over a date range, with its on-time rate.
@Suite struct UnitHistoryAPITests {
    struct History: Decodable {
        struct Entry: Decodable {
            struct Row: Decodable { var status: String }
            var period: String
            var deadline: String
            var row: Row
        }
        struct Counts: Decodable {
            var expected: Int
            var onTimeRate: Double?
        }
        var counts: Counts
        var entries: [Entry]
    }

    @Test func threeMonthsOneOnTimeOneLateOneOverdue() async throws {
        let clock = TestClock("2024-08-01T08:00:00+07:00")
        try await APIHarness.with(now: { clock.now() }) { harness, client in
            try await ReportsAPITests.province(harness, client)
            let officer = try await harness.bearer(.unitOfficer, unit: "so-yte")
            for (period, at) in [("2024-08", "2024-08-20T10:00:00+07:00"), ("2024-09", "2024-09-25T10:00:00+07:00")] {
                clock.set(at)
                let json = #"{"obligationId":"thang-dic","unitId":"so-yte","period":"\#(period)","summary":"Báo cáo \#(period)"}"#
                try await client.execute(uri: "/v1/reports", method: .post, headers: officer, body: ByteBuffer(string: json)) {
                    #expect($0.status == .created)
                }
            }
            clock.set("2024-10-30T10:00:00+07:00")
            let history = try await client.execute(
                uri: "/v1/compliance/units/so-yte?from=2024-08-01&to=2024-10-31", method: .get, headers: officer
            ) {
                #expect($0.status == .ok, "\(String(buffer: $0.body))")
                return try $0.json(History.self)
            }
            #expect(history.entries.map(\.period) == ["2024-08", "2024-09", "2024-10"])
            #expect(history.entries.map(\.row.status) == ["onTime", "late", "overdue"])
            #expect(history.entries.first?.deadline == "2024-08-23T00:00:00+07:00")
            #expect(history.counts.expected == 3)
            #expect(history.counts.onTimeRate == 1.0 / 3.0)
            let other = try await harness.bearer(.unitOfficer, unit: "huyen-a")
            try await client.execute(uri: "/v1/compliance/units/so-yte", method: .get, headers: other) {
                #expect($0.status == .forbidden)
            }
        }
    }
}
