import Events
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// Reports over HTTP on real PostgreSQL: the seeds' monthly report to the DIC filed, refused twice,
/// returned, re-submitted and accepted; receipts recorded by the recipient; excusals; who may do what.
@Suite struct ReportsAPITests {
    struct Report: Decodable {
        var id: String
        var stage: String
        var channel: String?
        var submittedAt: String?
        var recordedAt: String?
        var excused: Bool
        var returns: [String]
        var summary: String?
    }

    static let now = Timestamp(rfc3339: "2024-10-21T10:00:00+07:00")!

    static func body(_ json: String) -> ByteBuffer { ByteBuffer(string: json) }

    /// The province, the DIC, a department and a district, and "before the 23rd, monthly, to the DIC".
    static func province(_ harness: APIHarness, _ client: some TestClientProtocol) async throws {
        let admin = try await harness.bearer(.admin)
        for json in [
            #"{"id":"tinh","name":"UBND tỉnh","kind":"province","effectiveFrom":"2024-01-01"}"#,
            #"{"id":"so-tttt","name":"Sở Thông tin và Truyền thông","kind":"provincialDepartment","parentId":"tinh","effectiveFrom":"2024-01-01"}"#,
            #"{"id":"so-yte","name":"Sở Y tế","kind":"provincialDepartment","parentId":"tinh","effectiveFrom":"2024-01-01"}"#,
            #"{"id":"huyen-a","name":"UBND huyện A","kind":"districtCommittee","parentId":"tinh","effectiveFrom":"2024-01-01"}"#,
        ] {
            try await client.execute(uri: "/v1/units", method: .post, headers: admin, body: body(json)) {
                #expect($0.status == .created)
            }
        }
        let obligation = #"""
            {"id":"thang-dic","title":"Báo cáo nắm bắt dư luận xã hội hằng tháng",
             "reporters":{"kinds":["provincialDepartment","districtCommittee"],"underUnitId":"tinh"},
             "recipientUnitId":"so-tttt","schedule":{"kind":"monthly","dueDay":23},"effectiveFrom":"2024-01"}
            """#
        try await client.execute(uri: "/v1/obligations", method: .post, headers: admin, body: body(obligation)) {
            #expect($0.status == .created, "\(String(buffer: $0.body))")
        }
    }

    static let filing =
        #"{"obligationId":"thang-dic","unitId":"so-yte","period":"2024-10","summary":"Dư luận tháng 10 ổn định","body":"…","topics":["y tế"]}"#

    @Test func fileOnceReturnResubmitAccept() async throws {
        try await APIHarness.with(now: { Self.now }) { harness, client in
            try await Self.province(harness, client)
            let officer = try await harness.bearer(.unitOfficer, unit: "so-yte")
            let report = try await client.execute(uri: "/v1/reports", method: .post, headers: officer, body: Self.body(Self.filing)) {
                response in
                #expect(response.status == .created, "\(String(buffer: response.body))")
                #expect(response.headers[.location] == "/v1/reports/thang-dic.so-yte.2024-10")
                return try response.json(Report.self)
            }
            #expect(report.submittedAt == Self.now.rfc3339)
            #expect(report.channel == "api")

            try await client.execute(uri: "/v1/reports", method: .post, headers: officer, body: Self.body(Self.filing)) { response in
                #expect(response.status == .conflict)
                let problem = try response.json(Problem.self)
                #expect(problem.detail.contains("/v1/reports/thang-dic.so-yte.2024-10"), "points to the existing report")
            }
            let head = try await harness.store.headPosition()
            let stranger = try await harness.bearer(.unitOfficer, unit: "huyen-a")
            try await client.execute(
                uri: "/v1/reports/thang-dic.so-yte.2024-10/amendments", method: .post, headers: stranger,
                body: Self.body(#"{"summary":"x"}"#)
            ) { #expect($0.status == .forbidden) }
            #expect(try await harness.store.headPosition() == head, "a forbidden call writes nothing")

            let dic = try await harness.bearer(.supervisor, unit: "so-tttt")
            try await client.execute(
                uri: "/v1/reports/thang-dic.so-yte.2024-10/return", method: .post, headers: dic,
                body: Self.body(#"{"reason":"thiếu phân tích, dự báo và đề xuất"}"#)
            ) { response in
                #expect(response.status == .ok)
                let decoded = try response.json(Report.self)
                #expect(decoded.stage == "returned")
            }
            try await client.execute(uri: "/v1/reports/thang-dic.so-yte.2024-10/accept", method: .post, headers: dic, body: Self.body("{}"))
            {
                #expect($0.status == .conflict, "a returned report must be re-submitted first")
            }
            try await client.execute(
                uri: "/v1/reports/thang-dic.so-yte.2024-10/resubmissions", method: .post, headers: officer,
                body: Self.body(#"{"summary":"Bổ sung dự báo và đề xuất"}"#)
            ) { #expect($0.status == .ok) }
            try await client.execute(
                uri: "/v1/reports/thang-dic.so-yte.2024-10/accept", method: .post, headers: officer, body: Self.body("{}")
            ) {
                #expect($0.status == .forbidden, "only the recipient accepts")
            }
            let accepted = try await client.execute(
                uri: "/v1/reports/thang-dic.so-yte.2024-10/accept", method: .post, headers: dic, body: Self.body("{}")
            ) {
                #expect($0.status == .ok)
                return try $0.json(Report.self)
            }
            #expect(accepted.stage == "accepted")
            #expect(accepted.returns == ["thiếu phân tích, dự báo và đề xuất"])
            #expect(accepted.submittedAt == Self.now.rfc3339, "the first filing decides timeliness")
            #expect(accepted.summary == "Bổ sung dự báo và đề xuất")
        }
    }

    @Test func theRecipientRecordsAPaperReportWithItsReceiptTime() async throws {
        try await APIHarness.with(now: { Self.now }) { harness, client in
            try await Self.province(harness, client)
            let paper =
                #"{"obligationId":"thang-dic","unitId":"huyen-a","period":"2024-10","summary":"Báo cáo giấy","channel":"paper","receivedAt":"2024-10-20T16:30:00+07:00"}"#
            let officer = try await harness.bearer(.unitOfficer, unit: "huyen-a")
            try await client.execute(uri: "/v1/reports", method: .post, headers: officer, body: Self.body(paper)) {
                #expect($0.status == .forbidden, "a unit does not record its own receipt")
            }
            let dic = try await harness.bearer(.supervisor, unit: "so-tttt")
            let future = paper.replacingOccurrences(of: "2024-10-20T16:30:00", with: "2024-10-22T16:30:00")
            try await client.execute(uri: "/v1/reports", method: .post, headers: dic, body: Self.body(future)) { response in
                #expect(response.status == .conflict, "a receipt later than the ledger's clock")
                let decoded = try response.json(Problem.self)
                #expect(decoded.field == "receivedAt")
            }
            let recorded = try await client.execute(uri: "/v1/reports", method: .post, headers: dic, body: Self.body(paper)) {
                #expect($0.status == .created, "\(String(buffer: $0.body))")
                return try $0.json(Report.self)
            }
            #expect(recorded.channel == "paper")
            #expect(recorded.submittedAt == Timestamp(rfc3339: "2024-10-20T16:30:00+07:00")!.rfc3339)
            #expect(recorded.recordedAt == Self.now.rfc3339)
        }
    }

    @Test func excusalsConfidentialityAndUnexpectedUnits() async throws {
        try await APIHarness.with(now: { Self.now }) { harness, client in
            try await Self.province(harness, client)
            let excusal = #"{"unitId":"huyen-a","period":"2024-10","reason":"chia tách địa giới hành chính"}"#
            let officer = try await harness.bearer(.unitOfficer, unit: "huyen-a")
            try await client.execute(uri: "/v1/obligations/thang-dic/excusals", method: .post, headers: officer, body: Self.body(excusal)) {
                #expect($0.status == .forbidden)
            }
            let dic = try await harness.bearer(.supervisor, unit: "so-tttt")
            let excused = try await client.execute(
                uri: "/v1/obligations/thang-dic/excusals", method: .post, headers: dic, body: Self.body(excusal)
            ) {
                #expect($0.status == .created, "\(String(buffer: $0.body))")
                return try $0.json(Report.self)
            }
            #expect(excused.excused)

            let yte = try await harness.bearer(.unitOfficer, unit: "so-yte")
            let secret = Self.filing.replacingOccurrences(of: #""topics""#, with: #""confidential":true,"topics""#)
            try await client.execute(uri: "/v1/reports", method: .post, headers: yte, body: Self.body(secret)) { response in
                #expect(response.status == .conflict)
                let decoded = try response.json(Problem.self)
                #expect(decoded.field == "confidential")
            }
            let tinh = try await harness.bearer(.unitOfficer, unit: "so-tttt")
            let recipientFiling = Self.filing.replacingOccurrences(of: "so-yte", with: "so-tttt")
            try await client.execute(uri: "/v1/reports", method: .post, headers: tinh, body: Self.body(recipientFiling)) {
                #expect($0.status == .conflict, "the recipient is not among the expected reporters")
            }
            let week = Self.filing.replacingOccurrences(of: "2024-10", with: "2024-W42")
            try await client.execute(uri: "/v1/reports", method: .post, headers: yte, body: Self.body(week)) { response in
                #expect(response.status == .conflict, "a monthly obligation has no weekly periods")
                let decoded = try response.json(Problem.self)
                #expect(decoded.field == "period")
            }
        }
    }
}
