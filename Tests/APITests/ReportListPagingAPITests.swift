import API
import Events
import Foundation
import HTTPTypes
import HummingbirdTesting
import LedgerTestSupport
import NIOCore
import Projections
import Testing

/// `GET /v1/reports` pages like the other lists (issue 10, item 13): a default and a maximum limit,
/// an `after` cursor with a `next` link, no bodies; today's answer from the `reporting_duties` read
/// model, an answer at a cut folded from the log, page for page the same.
@Suite struct ReportListPagingAPITests {
    struct Page: Decodable {
        struct Entry: Decodable {
            var id: String
            var summary: String?
            var body: String?
            var stage: String
        }
        var reports: [Entry]
        var answeredFrom: String
        var nextAfter: String?
        var next: String?
    }

    static func body(_ json: String) -> ByteBuffer { ByteBuffer(string: json) }

    @Test func theListPagesByCursorFromTheReadModelAndTheLogAlike() async throws {
        let now = Timestamp(rfc3339: "2026-10-20T09:00:00+07:00")!
        try await APIHarness.with(now: { now }) { harness, client in
            let admin = try await harness.bearer(.admin)
            let districts = (1...60).map { String(format: "huyen-%02d", $0) }
            let units =
                [
                    #"{"id":"tinh","name":"UBND tỉnh","kind":"province","effectiveFrom":"2026-01-01"}"#,
                    #"{"id":"so-tttt","name":"Sở TT&TT","kind":"provincialDepartment","parentId":"tinh","effectiveFrom":"2026-01-01"}"#,
                ]
                + districts.map { district in
                    #"{"id":"\#(district)","name":"UBND \#(district)","kind":"districtCommittee","parentId":"tinh","effectiveFrom":"2026-01-01"}"#
                }
            for json in units {
                try await client.execute(uri: "/v1/units", method: .post, headers: admin, body: Self.body(json)) {
                    #expect($0.status == .created, "\(String(buffer: $0.body))")
                }
            }
            let obligation =
                #"{"id":"thang","title":"Báo cáo tháng","reporters":{"kinds":["districtCommittee"],"underUnitId":"tinh"},"recipientUnitId":"so-tttt","schedule":{"kind":"monthly","dueDay":23},"effectiveFrom":"2026-01"}"#
            try await client.execute(uri: "/v1/obligations", method: .post, headers: admin, body: Self.body(obligation)) {
                #expect($0.status == .created)
            }
            for district in districts {
                let officer = try await harness.bearer(.unitOfficer, unit: district)
                let json =
                    #"{"obligationId":"thang","unitId":"\#(district)","period":"2026-10","summary":"Tóm tắt \#(district)","body":"Nội dung dài"}"#
                try await client.execute(uri: "/v1/reports", method: .post, headers: officer, body: Self.body(json)) {
                    #expect($0.status == .created, "\(String(buffer: $0.body))")
                }
            }
            // The read model is inline: the filings are in it as soon as they are acknowledged.
            let auditor = try await harness.bearer(.auditor)
            func page(_ uri: String) async throws -> Page {
                try await client.execute(uri: uri, method: .get, headers: auditor) {
                    #expect($0.status == .ok, "\(uri): \(String(buffer: $0.body))")
                    return try $0.json(Page.self)
                }
            }
            func walk(_ first: String) async throws -> (ids: [String], sizes: [Int], from: Set<String>) {
                var (ids, sizes, from): ([String], [Int], Set<String>) = ([], [], [])
                var uri: String? = first
                while let next = uri {
                    let answer = try await page(next)
                    ids += answer.reports.map(\.id)
                    sizes.append(answer.reports.count)
                    from.insert(answer.answeredFrom)
                    #expect(answer.reports.allSatisfy { $0.body == nil && $0.summary != nil }, "no bodies in the list")
                    #expect((answer.next == nil) == (answer.nextAfter == nil))
                    uri = answer.next
                    #expect(sizes.count < 10)
                }
                return (ids, sizes, from)
            }
            let expected = districts.map { "thang.\($0).2026-10" }
            let live = try await walk("/v1/reports")
            #expect(live.sizes == [50, 10], "the default limit is 50")
            #expect(live.ids == expected)
            #expect(live.from == ["readModel"])
            let small = try await walk("/v1/reports?obligation=thang&limit=25")
            #expect(small.sizes == [25, 25, 10])
            #expect(small.ids == expected)
            let past = try await walk("/v1/reports?limit=25&asOf=2026-10-20T09:00:00%2B07:00")
            #expect(past.ids == expected)
            #expect(past.from == ["readModel"], "an answer at a cut reads the duty versions valid at its position")
            // Before the first filing was recorded, the list was empty.
            let before = try await walk("/v1/reports?atPosition=1")
            #expect(before.ids.isEmpty)
            let first = try await page("/v1/reports?limit=25")
            #expect(first.nextAfter == "thang.huyen-25.2026-10")
            #expect(first.next == "/v1/reports?after=thang.huyen-25.2026-10&limit=25")
            let afterLast = try await page("/v1/reports?after=thang.huyen-60.2026-10")
            #expect(afterLast.reports.isEmpty && afterLast.next == nil)
            for bad in ["limit=0", "limit=501", "after=nonsense"] {
                try await client.execute(uri: "/v1/reports?\(bad)", method: .get, headers: auditor) { response in
                    #expect(response.status == .badRequest, "\(bad)")
                    let problem = try response.json(Problem.self)
                    #expect(problem.field == String(bad.prefix { $0 != "=" }))
                }
            }
        }
    }
}
