import Events
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// Receipts, filings and reads bounded in time over HTTP (issue 10, items 4 and 6): a receipt is not
/// dated before its period's data window opens, before the unit existed or in the future, and a receipt
/// recorded after the fact shows its channel and recording time on compliance rows and consolidations;
/// nothing is filed before the period's window opens; no read answers for an `asOf` in the future.
@Suite struct ReportingTimeBoundsAPITests {
    struct Table: Decodable {
        struct Row: Decodable {
            var unitId: String
            var status: String
            var submittedAt: String?
            var channel: String?
            var recordedAt: String?
        }
        var rows: [Row]
        func row(_ unit: String) -> Row? { rows.first { $0.unitId == unit } }
    }

    static func body(_ json: String) -> ByteBuffer { ByteBuffer(string: json) }

    /// The province, the DIC (recipient), two districts — one registered on 5 October 2026 — and
    /// "before the 23rd, monthly, to the DIC" from 2026-01.
    static func province(_ harness: APIHarness, _ client: some TestClientProtocol) async throws {
        let admin = try await harness.bearer(.admin)
        for json in [
            #"{"id":"tinh","name":"UBND tỉnh","kind":"province","effectiveFrom":"2026-01-01"}"#,
            #"{"id":"so-tttt","name":"Sở TT&TT","kind":"provincialDepartment","parentId":"tinh","effectiveFrom":"2026-01-01"}"#,
            #"{"id":"huyen-a","name":"UBND huyện A","kind":"districtCommittee","parentId":"tinh","effectiveFrom":"2026-01-01"}"#,
            #"{"id":"huyen-moi","name":"UBND huyện Mới","kind":"districtCommittee","parentId":"tinh","effectiveFrom":"2026-10-05"}"#,
        ] {
            try await client.execute(uri: "/v1/units", method: .post, headers: admin, body: Self.body(json)) {
                #expect($0.status == .created, "\(String(buffer: $0.body))")
            }
        }
        let obligation =
            #"{"id":"thang","title":"Báo cáo tháng","reporters":{"kinds":["districtCommittee"],"underUnitId":"tinh"},"recipientUnitId":"so-tttt","schedule":{"kind":"monthly","dueDay":23},"effectiveFrom":"2026-01"}"#
        try await client.execute(uri: "/v1/obligations", method: .post, headers: admin, body: Self.body(obligation)) {
            #expect($0.status == .created, "\(String(buffer: $0.body))")
        }
    }

    static func receipt(_ unit: String, _ receivedAt: String, period: String = "2026-10") -> String {
        #"{"obligationId":"thang","unitId":"\#(unit)","period":"\#(period)","summary":"Báo cáo giấy","channel":"paper","receivedAt":"\#(receivedAt)"}"#
    }

    @Test func aBackDatedReceiptIsRefusedAndOneRecordedLateShowsItsChannelAndRecordingTime() async throws {
        // 30 October 2026: the 2026-10 deadline (23 October) has passed, both districts are overdue.
        let now = "2026-10-30T09:00:00+07:00"
        try await APIHarness.with(now: { Timestamp(rfc3339: now)! }) { harness, client in
            try await Self.province(harness, client)
            let dic = try await harness.bearer(.supervisor, unit: "so-tttt")
            let refused: [(String, String, String)] = [
                ("huyen-a", "2020-01-01T00:00:00Z", "data window of period 2026-10 opens"),
                ("huyen-a", "0001-01-01T00:00:00Z", "data window of period 2026-10 opens"),
                ("huyen-a", "2026-09-14T23:59:59+07:00", "data window of period 2026-10 opens"),
                ("huyen-moi", "2026-10-01T09:00:00+07:00", "before unit huyen-moi existed"),
                ("huyen-a", "2026-10-30T09:00:01+07:00", "future"),
            ]
            for (unit, receivedAt, words) in refused {
                try await client.execute(uri: "/v1/reports", method: .post, headers: dic, body: Self.body(Self.receipt(unit, receivedAt))) {
                    #expect($0.status == .conflict, "\(receivedAt): \(String(buffer: $0.body))")
                    let problem = try $0.json(Problem.self)
                    #expect(problem.field == "receivedAt")
                    #expect(problem.type == "urn:opinion-ledger:problem:state-conflict")
                    #expect(problem.detail.contains(words), "\(problem.detail)")
                }
            }
            let head = try await harness.store.headPosition()
            // A receipt inside the window, recorded a week after it came: on time, and the row says how and when.
            try await client.execute(
                uri: "/v1/reports", method: .post, headers: dic, body: Self.body(Self.receipt("huyen-a", "2026-10-20T16:30:00+07:00"))
            ) { #expect($0.status == .created, "\(String(buffer: $0.body))") }
            #expect(try await harness.store.headPosition() == head + 1, "only the valid receipt was written")
            let officer = try await harness.bearer(.unitOfficer, unit: "huyen-moi")
            try await client.execute(
                uri: "/v1/reports", method: .post, headers: officer,
                body: Self.body(#"{"obligationId":"thang","unitId":"huyen-moi","period":"2026-10","summary":"Muộn"}"#)
            ) { #expect($0.status == .created, "\(String(buffer: $0.body))") }

            let auditor = try await harness.bearer(.auditor)
            for uri in ["/v1/compliance?obligation=thang&period=2026-10", "/v1/consolidations/thang/2026-10"] {
                let table = try await client.execute(uri: uri, method: .get, headers: auditor) {
                    #expect($0.status == .ok, "\(String(buffer: $0.body))")
                    return try $0.json(Table.self)
                }
                let paper = try #require(table.row("huyen-a"))
                #expect(paper.status == "onTime")
                #expect(paper.submittedAt == Timestamp(rfc3339: "2026-10-20T16:30:00+07:00")!.rfc3339)
                #expect(paper.channel == "paper", "\(uri)")
                #expect(paper.recordedAt == Timestamp(rfc3339: now)!.rfc3339, "\(uri)")
                let filed = try #require(table.row("huyen-moi"))
                #expect(filed.status == "late")
                #expect(filed.channel == nil && filed.recordedAt == nil, "a filing recorded when it came shows neither")
            }
        }
    }

    @Test func filingBeforeThePeriodsDataWindowOpensIsRefusedNamingPeriod() async throws {
        try await APIHarness.with(now: { Timestamp(rfc3339: "2026-10-30T09:00:00+07:00")! }) { harness, client in
            try await Self.province(harness, client)
            let officer = try await harness.bearer(.unitOfficer, unit: "huyen-a")
            func file(_ period: String) -> ByteBuffer {
                Self.body(#"{"obligationId":"thang","unitId":"huyen-a","period":"\#(period)","summary":"Kỳ \#(period)"}"#)
            }
            for period in ["2027-06", "2026-12"] {
                try await client.execute(uri: "/v1/reports", method: .post, headers: officer, body: file(period)) {
                    #expect($0.status == .conflict, "\(period): \(String(buffer: $0.body))")
                    let problem = try $0.json(Problem.self)
                    #expect(problem.field == "period")
                    #expect(problem.type == "urn:opinion-ledger:problem:state-conflict")
                    #expect(problem.detail.contains("opens at"), "\(problem.detail)")
                }
            }
            // 2026-11's window opened on 15 October: its report may come now, early and on time.
            try await client.execute(uri: "/v1/reports", method: .post, headers: officer, body: file("2026-11")) {
                #expect($0.status == .created, "\(String(buffer: $0.body))")
            }
            let dic = try await harness.bearer(.supervisor, unit: "so-tttt")
            try await client.execute(
                uri: "/v1/reports", method: .post, headers: dic,
                body: Self.body(Self.receipt("huyen-a", "2026-10-29T09:00:00+07:00", period: "2027-06"))
            ) { response in
                #expect(response.status == .conflict)
                let problem = try response.json(Problem.self)
                #expect(problem.field == "receivedAt")
            }
        }
    }

    /// Every GET route whose OpenAPI parameters include `asOf`, with sample path values.
    static func routesTakingAsOf(_ client: some TestClientProtocol) async throws -> [String] {
        let document = try await client.execute(uri: "/openapi.json", method: .get) { response in
            try #require(JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
        }
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        let samples = [
            "{unitId}": "huyen-a", "{obligationId}": "thang", "{reportId}": "thang.huyen-a.2026-10", "{period}": "2026-10",
            "{incidentId}": "00000000-0000-0000-0000-000000000000", "{ruleId}": "r-1",
        ]
        let queries = [
            "/v1/compliance": "obligation=thang&period=2026-10&", "/v1/compliance/summary": "period=2026-10&",
        ]
        var uris: [String] = []
        for (path, operations) in paths {
            guard let get = operations["get"] as? [String: Any], let parameters = get["parameters"] as? [[String: Any]],
                parameters.contains(where: { $0["name"] as? String == "asOf" })
            else { continue }
            var uri = path
            for (placeholder, value) in samples { uri = uri.replacingOccurrences(of: placeholder, with: value) }
            uris.append(uri + "?" + (queries[path] ?? ""))
        }
        return uris.sorted()
    }

    @Test func anAsOfInTheFutureIsRefusedOnEveryReadThatTakesIt() async throws {
        let now = Timestamp(rfc3339: "2026-10-30T09:00:00+07:00")!
        try await APIHarness.with(now: { now }) { harness, client in
            try await Self.province(harness, client)
            let auditor = try await harness.bearer(.auditor)
            let uris = try await Self.routesTakingAsOf(client)
            #expect(uris.count >= 16, "\(uris)")
            for uri in uris {
                try await client.execute(uri: uri + "asOf=2026-10-30T09:00:01%2B07:00", method: .get, headers: auditor) {
                    #expect($0.status == .badRequest, "\(uri): \(String(buffer: $0.body))")
                    let problem = try $0.json(Problem.self)
                    #expect(problem.field == "asOf", "\(uri)")
                    #expect(problem.detail.contains("in the future"), "\(uri): \(problem.detail)")
                }
                try await client.execute(uri: uri + "asOf=2026-10-30T09:00:00%2B07:00", method: .get, headers: auditor) {
                    #expect($0.status != .badRequest, "\(uri) at now: \(String(buffer: $0.body))")
                }
            }
        }
    }
}
