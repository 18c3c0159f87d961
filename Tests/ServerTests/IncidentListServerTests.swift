import EventStore
import Events
import Foundation
import LedgerTestSupport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Issue 4's "done when", through the running server and its projection runner: a monitor logs an
/// item, the commune verifies and rebuts it, the district supervisor sees it leave the open list
/// (reading its own writes with `minPosition`) and the figures change.
@Suite struct IncidentListServerTests {
    struct Written: Decodable {
        var id: String
        var position: Int64?
    }
    struct Page: Decodable {
        struct Item: Decodable { var incidentId: String; var status: String }
        var incidents: [Item]
        var answeredFrom: String
    }
    struct Summary: Decodable {
        struct Unit: Decodable {
            var unitId: String?
            var responsesDue: Int
            var responsesInTime: Int
            var inaccurateVerifications: Int
            var medianSecondsToVerify: Int64?
        }
        struct Counts: Decodable { var total: Int }
        var open: Counts
        var units: [Unit]
    }

    func token(_ role: String, unit: String?, _ environment: [String: String]) async throws -> String {
        let arguments = ["tokens", "create", "--role", role, "--name", "done-when"] + (unit.map { ["--unit", $0] } ?? [])
        let created = try await LedgerProcess.run(arguments, environment: environment)
        #expect(created.status == 0, "\(created.stderr)")
        return created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @discardableResult
    func post(_ server: RunningServer, _ path: String, _ json: String, token: String, sourceLocation: SourceLocation = #_sourceLocation)
        async throws -> Written?
    {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(server.port)\(path)")!)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        request.httpBody = Data(json.utf8)
        let (status, body) = try await RunningServer.send(request)
        #expect((200..<300).contains(status), "\(path): \(body)", sourceLocation: sourceLocation)
        return try? JSONDecoder().decode(Written.self, from: Data(body.utf8))
    }

    func get<T: Decodable>(_ server: RunningServer, _ path: String, token: String, as type: T.Type) async throws -> T {
        let (status, body) = try await server.get(path, token: token)
        #expect(status == 200, "\(path): \(body)")
        return try JSONDecoder().decode(T.self, from: Data(body.utf8))
    }

    @Test func logVerifyRebutResolveLeavesTheOpenListAndMovesTheFigures() async throws {
        try await TestDatabase.with { database in
            let environment = LedgerProcess.environment(database.url)
            let server = try RunningServer(environment: environment)
            try await server.waitUntilReady()
            let admin = try await token("admin", unit: nil, environment)
            for json in [
                #"{"id":"tinh","name":"UBND tỉnh","kind":"province","effectiveFrom":"2024-01-01"}"#,
                #"{"id":"huyen-a","name":"UBND huyện A","kind":"districtCommittee","parentId":"tinh","effectiveFrom":"2024-01-01"}"#,
                #"{"id":"xa-b","name":"UBND xã B","kind":"commune","parentId":"huyen-a","effectiveFrom":"2024-01-01"}"#,
            ] {
                try await post(server, "/v1/units", json, token: admin)
            }
            try await post(
                server, "/v1/rules",
                #"{"id":"first-information","clock":"firstInformation","effectiveFrom":"2017-03-25","allowance":{"amount":24,"unit":"hours"},"legalBasis":"Nghị định 09/2017/NĐ-CP, Điều 6 khoản 3"}"#,
                token: admin)
            let monitor = try await token("monitor", unit: nil, environment)
            let district = try await token("supervisor", unit: "huyen-a", environment)
            let commune = try await token("unit-officer", unit: "xa-b", environment)

            let published = Timestamp(Date().addingTimeInterval(-7200)).rfc3339
            let logged = try #require(
                try await post(
                    server, "/v1/incidents",
                    #"""
                    {"source":"press","outlet":"Báo Bắc Kạn","url":"https://baobackan.org.vn/dan-xa-b-buc-xuc","publishedAt":"\#(published)",
                     "title":"Dân xã B bức xúc vì chậm bồi thường giải phóng mặt bằng","summary":"Người dân phản ánh chưa nhận tiền bồi thường",
                     "topics":["giải phóng mặt bằng"],"unitIds":["xa-b"],"severity":"high","hotSpot":true}
                    """#, token: monitor))
            let id = logged.id
            let loggedAt = try #require(logged.position, "every write answers with its position")
            let open = try await get(server, "/v1/incidents?status=open&minPosition=\(loggedAt)", token: district, as: Page.self)
            #expect(open.answeredFrom == "readModel")
            #expect(open.incidents.map(\.incidentId) == [id], "the district sees its own write in the read model")
            let today = LedgerClock().today().description
            let before = try await get(server, "/v1/incidents/summary?from=\(today)&to=\(today)", token: district, as: Summary.self)
            #expect(before.open.total == 1 && before.units.isEmpty)

            let due = Timestamp(Date().addingTimeInterval(86_400)).rfc3339
            try await post(server, "/v1/incidents/\(id)/assignments", #"{"unitId":"xa-b","dueAt":"\#(due)"}"#, token: district)
            try await post(
                server, "/v1/incidents/\(id)/verification", #"{"outcome":"inaccurate","findings":"Đã chi trả đủ"}"#, token: commune)
            try await post(
                server, "/v1/incidents/\(id)/responses",
                #"{"kind":"rebuttal","channel":"Cổng thông tin điện tử","content":"Thông tin chính thức"}"#,
                token: commune)
            let resolved = try #require(
                try await post(server, "/v1/incidents/\(id)/resolution", #"{"resolution":"Đã thông tin"}"#, token: district))

            let resolvedAt = try #require(resolved.position, "every write answers with its position")
            let after = try await get(server, "/v1/incidents?status=open&minPosition=\(resolvedAt)", token: district, as: Page.self)
            #expect(after.incidents.isEmpty, "it left the open list")
            let done = try await get(server, "/v1/incidents?status=resolved", token: district, as: Page.self)
            #expect(done.incidents.map(\.incidentId) == [id])
            let figures = try await get(server, "/v1/incidents/summary?from=\(today)&to=\(today)", token: district, as: Summary.self)
            #expect(figures.open.total == 0)
            let unit = try #require(figures.units.first { $0.unitId == "xa-b" })
            #expect(unit.responsesDue == 1 && unit.responsesInTime == 1, "rebutted within 24 hours of publication")
            #expect(unit.inaccurateVerifications == 1)
            #expect(unit.medianSecondsToVerify != nil)
            #expect(await server.terminate() == 0)
        }
    }
}
