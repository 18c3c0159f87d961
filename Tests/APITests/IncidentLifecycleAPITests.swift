import Events
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// The incident fixtures shared by the incident HTTP tests: a province with a department, a district
/// and a commune; tokens; the decoded shapes.
enum IncidentAPI {
    struct Incident: Decodable {
        struct Sighting: Decodable { var outlet: String; var canonicalUrl: String? }
        struct Response: Decodable { var id: String; var kind: String; var unitId: String }
        struct Clock: Decodable {
            var kind: String; var ruleId: String?; var legalBasis: String?; var dueAt: String?; var metAt: String?; var status: String;
            var overdue: Bool
        }
        var id: String
        var status: String
        var phase: String
        var sightings: [Sighting]
        var canonicalUrls: [String]
        var assignedUnitId: String?
        var verification: [String: JSONValue]?
        var responses: [Response]
        var corrections: [[String: JSONValue]]
        var mergedInto: String?
        var absorbedIds: [String]
        var clocks: [Clock]
        var version: Int64
    }
    struct History: Decodable {
        struct Entry: Decodable { var position: Int64; var version: Int64; var type: String; var recordedAt: String; var actor: ActorRef }
        var incidentId: String
        var events: [Entry]
    }
    struct StateProblem: Decodable {
        var type: String
        var status: Int
        var detail: String
        var field: String?
        var state: String?
    }

    static let now = Timestamp(rfc3339: "2026-07-02T10:00:00+07:00")!

    static func body(_ json: String) -> ByteBuffer { ByteBuffer(string: json) }

    /// tinh → so-tttt, huyen-a → xa-b; huyen-c (another district).
    static func province(_ harness: APIHarness, _ client: some TestClientProtocol) async throws {
        let admin = try await harness.bearer(.admin)
        for json in [
            #"{"id":"tinh","name":"UBND tỉnh","kind":"province","effectiveFrom":"2024-01-01"}"#,
            #"{"id":"so-tttt","name":"Sở Thông tin và Truyền thông","kind":"provincialDepartment","parentId":"tinh","effectiveFrom":"2024-01-01"}"#,
            #"{"id":"huyen-a","name":"UBND huyện A","kind":"districtCommittee","parentId":"tinh","effectiveFrom":"2024-01-01"}"#,
            #"{"id":"xa-b","name":"UBND xã B","kind":"commune","parentId":"huyen-a","effectiveFrom":"2024-01-01"}"#,
            #"{"id":"huyen-c","name":"UBND huyện C","kind":"districtCommittee","parentId":"tinh","effectiveFrom":"2024-01-01"}"#,
        ] {
            try await client.execute(uri: "/v1/units", method: .post, headers: admin, body: body(json)) {
                #expect($0.status == .created, "\(String(buffer: $0.body))")
            }
        }
    }

    static func item(
        url: String? = "https://baomoi.vn/dan-buc-xuc-vi-cham-boi-thuong.epi?utm_source=facebook", unit: String = "xa-b",
        title: String = "Dân bức xúc vì chậm bồi thường giải phóng mặt bằng", extra: String = ""
    ) -> String {
        let link = url.map { #""url":"\#($0)","# } ?? ""
        return #"""
            {"source":"electronicNews","outlet":"Báo Mới",\#(link)"publishedAt":"2026-07-02T07:30:00+07:00",
             "title":"\#(title)","summary":"Người dân xã B phản ánh chưa nhận tiền bồi thường dự án đường tỉnh.",
             "topics":["giải phóng mặt bằng"],"unitIds":["\#(unit)"],"severity":"high","reach":1500,"hotSpot":true\#(extra)}
            """#
    }

    @discardableResult
    static func post(
        _ client: some TestClientProtocol, _ uri: String, _ headers: HTTPFields, _ json: String, expect status: HTTPResponse.Status,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> Incident? {
        try await client.execute(uri: uri, method: .post, headers: headers, body: body(json)) { response in
            #expect(response.status == status, "\(uri): \(String(buffer: response.body))", sourceLocation: sourceLocation)
            return response.status == status && status.code < 300 ? try response.json(Incident.self) : nil
        }
    }

    static func problem(
        _ client: some TestClientProtocol, _ uri: String, _ headers: HTTPFields, _ json: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> (HTTPResponse.Status, StateProblem) {
        try await client.execute(uri: uri, method: .post, headers: headers, body: body(json)) { response in
            (response.status, try response.json(StateProblem.self))
        }
    }

    static func get(_ client: some TestClientProtocol, _ id: String, _ headers: HTTPFields, asOf: String? = nil) async throws -> Incident {
        let query = asOf.map { "?asOf=\($0.replacingOccurrences(of: "+", with: "%2B"))" } ?? ""
        return try await client.execute(uri: "/v1/incidents/\(id)\(query)", method: .get, headers: headers) { response in
            #expect(response.status == .ok, "\(String(buffer: response.body))")
            return try response.json(Incident.self)
        }
    }
}

/// Through HTTP on real PostgreSQL: a monitor logs a press item, a second sighting is folded into it,
/// the district's supervisor assigns it, the commune verifies it inaccurate and rebuts it, the outlet
/// corrects, the supervisor resolves and closes; history shows every step with its actor.
@Suite struct IncidentLifecycleAPITests {
    typealias A = IncidentAPI

    @Test func logDedupeAssignVerifyRebutResolveClose() async throws {
        try await APIHarness.with(now: { A.now }) { harness, client in
            try await A.province(harness, client)
            let admin = try await harness.bearer(.admin)
            let online = #"""
                {"id":"outlet-correction-online","clock":"outletCorrection","effectiveFrom":"2017-01-01",
                 "allowance":{"amount":0,"unit":"immediately"},"legalBasis":"Luật Báo chí 2016, Điều 42 khoản 5",
                 "condition":{"outletPeriodicity":"online"}}
                """#
            try await client.execute(uri: "/v1/rules", method: .post, headers: admin, body: A.body(online)) {
                #expect($0.status == .created)
            }
            let monitor = try await harness.bearer(.monitor, unit: "so-tttt")
            let logged = try await client.execute(uri: "/v1/incidents", method: .post, headers: monitor, body: A.body(A.item())) {
                response in
                #expect(response.status == .created, "\(String(buffer: response.body))")
                let incident = try response.json(A.Incident.self)
                #expect(response.headers[.location] == "/v1/incidents/\(incident.id)")
                #expect(response.headers[.eTag] == "\"1\"")
                return incident
            }
            #expect(logged.phase == "logged")
            #expect(logged.canonicalUrls == ["https://baomoi.vn/dan-buc-xuc-vi-cham-boi-thuong.epi"])
            let id = logged.id

            // The same story again, with other tracking noise: a sighting of the same incident, 200.
            let again = try await A.post(
                client, "/v1/incidents", monitor, A.item(url: "https://BAOMOI.vn/dan-buc-xuc-vi-cham-boi-thuong.epi/?fbclid=abc#top"),
                expect: .ok)
            #expect(again?.id == id)
            #expect(again?.sightings.count == 1)

            let district = try await harness.bearer(.supervisor, unit: "huyen-a")
            let assigned = try await A.post(
                client, "/v1/incidents/\(id)/assignments", district,
                #"{"unitId":"xa-b","dueAt":"2026-07-04T17:00:00+07:00","note":"Xác minh, báo cáo trước 17h"}"#,
                expect: .ok)
            #expect(assigned?.phase == "assigned")
            #expect(assigned?.assignedUnitId == "xa-b")

            let commune = try await harness.bearer(.unitOfficer, unit: "xa-b")
            let verified = try await A.post(
                client, "/v1/incidents/\(id)/verification", commune,
                #"{"outcome":"inaccurate","findings":"Tiền bồi thường đã chi trả đủ ngày 15/6","evidence":["Biên bản chi trả số 12/BB-UBND"]}"#,
                expect: .ok)
            #expect(verified?.phase == "verified")

            let rebuttal = try await A.post(
                client, "/v1/incidents/\(id)/responses", commune,
                #"{"kind":"rebuttal","channel":"Cổng thông tin điện tử huyện","content":"Thông tin chính thức về việc chi trả bồi thường"}"#,
                expect: .ok)
            #expect(rebuttal?.responses.map(\.kind) == ["rebuttal"])
            let request = try await A.post(
                client, "/v1/incidents/\(id)/responses", commune,
                #"{"kind":"correctionRequest","channel":"Công văn","targetOutlet":"Báo Mới","content":"Đề nghị cải chính"}"#, expect: .ok)
            let requestId = try #require(request?.responses.last?.id)
            let corrected = try await A.post(
                client, "/v1/incidents/\(id)/responses/\(requestId)/correction", commune,
                #"{"outlet":"Báo Mới","url":"https://baomoi.vn/cai-chinh.epi","publishedAt":"2026-07-02T10:00:00+07:00"}"#, expect: .ok)
            #expect(corrected?.corrections.count == 1)
            let correctionClock = try #require(corrected?.clocks.first { $0.kind == "outletCorrection" })
            #expect(correctionClock.ruleId == "outlet-correction-online", "electronic news is online press")
            #expect(correctionClock.status == "met")

            let resolved = try await A.post(
                client, "/v1/incidents/\(id)/resolution", district, #"{"resolution":"Đã cải chính, dư luận lắng xuống"}"#, expect: .ok)
            #expect(resolved?.status == "resolved")
            let closed = try await A.post(client, "/v1/incidents/\(id)/close", district, "{}", expect: .ok)
            #expect(closed?.status == "closed")

            let (status, problem) = try await A.problem(client, "/v1/incidents/\(id)/resolution", district, #"{"resolution":"lần nữa"}"#)
            #expect(status == .conflict)
            #expect(problem.type == "urn:opinion-ledger:problem:state-conflict")
            #expect(problem.state == "closed")
            #expect(problem.detail.contains("closed"))

            let auditor = try await harness.bearer(.auditor)
            let history = try await client.execute(uri: "/v1/incidents/\(id)/history", method: .get, headers: auditor) { response in
                #expect(response.status == .ok)
                return try response.json(A.History.self)
            }
            #expect(
                history.events.map(\.type) == [
                    "IncidentLogged", "SightingAdded", "IncidentAssigned", "VerificationCompleted", "ResponseIssued", "ResponseIssued",
                    "CorrectionPublished", "IncidentResolved", "IncidentClosed",
                ])
            #expect(
                history.events.map(\.actor.role) == [
                    .monitor, .monitor, .supervisor, .unitOfficer, .unitOfficer, .unitOfficer, .unitOfficer, .supervisor, .supervisor,
                ])
            #expect(history.events.map(\.version) == Array(1...9))
            #expect(history.events.map(\.position) == history.events.map(\.position).sorted())

            // The stream's state at a version, for auditors: verified after four events.
            struct StreamState: Decodable { var state: [String: JSONValue] }
            let atFour = try await client.execute(uri: "/v1/streams/incident-\(id)/state?version=4", method: .get, headers: auditor) {
                response in
                #expect(response.status == .ok, "\(String(buffer: response.body))")
                return try response.json(StreamState.self)
            }
            #expect(atFour.state["phase"] == .string("verified"))
        }
    }

    @Test func reopenAfterResolutionAndConflictsNameTheState() async throws {
        try await APIHarness.with(now: { A.now }) { harness, client in
            try await A.province(harness, client)
            let monitor = try await harness.bearer(.monitor)
            let id = try #require(try await A.post(client, "/v1/incidents", monitor, A.item(url: nil), expect: .created)?.id)
            let district = try await harness.bearer(.supervisor, unit: "huyen-a")
            var (status, problem) = try await A.problem(client, "/v1/incidents/\(id)/reopen", district, #"{"reason":"x"}"#)
            #expect(status == .conflict && problem.state == "logged")
            let commune = try await harness.bearer(.unitOfficer, unit: "xa-b")
            try await A.post(
                client, "/v1/incidents/\(id)/assignments", district, #"{"unitId":"xa-b","dueAt":"2026-07-03T10:00:00+07:00"}"#, expect: .ok)
            (status, problem) = try await A.problem(
                client, "/v1/incidents/\(id)/responses", commune, #"{"kind":"correctionRequest","channel":"x","content":"y"}"#)
            #expect(status == .conflict && problem.state == "assigned" && problem.field == "kind")
            try await A.post(client, "/v1/incidents/\(id)/verification", commune, #"{"outcome":"accurate","findings":"Đúng"}"#, expect: .ok)
            (status, problem) = try await A.problem(
                client, "/v1/incidents/\(id)/responses", commune, #"{"kind":"rebuttal","channel":"x","content":"y"}"#)
            #expect(status == .conflict && problem.state == "verified", "an accurate item is not rebutted")
            try await A.post(client, "/v1/incidents/\(id)/resolution", district, #"{"resolution":"Đã khắc phục"}"#, expect: .ok)
            try await A.post(
                client, "/v1/incidents/\(id)/responses", commune,
                #"{"kind":"citizenInformed","channel":"Tiếp công dân","content":"Đã trả lời"}"#, expect: .ok)
            let reopened = try await A.post(
                client, "/v1/incidents/\(id)/reopen", district, #"{"reason":"Người dân tiếp tục phản ánh"}"#, expect: .ok)
            #expect(reopened?.status == "open" && reopened?.phase == "assigned")
            (status, problem) = try await A.problem(client, "/v1/incidents/\(id)/close", district, "{}")
            #expect(status == .conflict && problem.state == "assigned")
        }
    }
}
