import EventStore
import Events
import Foundation
import HTTPTypes
import HummingbirdTesting
import LedgerTestSupport
import Logging
import NIOCore
import Projections
import Synchronization
import Testing

/// A small July 2026 through HTTP on real PostgreSQL, on a clock the test moves: three incidents,
/// the 24-hour first-information rule, one incident verified, rebutted and resolved. Every answer,
/// now and at a cut, comes from the inline incident versions.
struct IncidentListWorld: Sendable {
    let harness: APIHarness
    let client: any TestClientProtocol
    let clock: TestClock
    var ids: [String: String] = [:]

    static let start = "2026-07-01T08:00:00+07:00"

    static func with(_ body: @Sendable @escaping (inout IncidentListWorld) async throws -> Void) async throws {
        let clock = TestClock(start)
        try await APIHarness.with(now: { clock.now() }) { harness, client in
            var world = IncidentListWorld(harness: harness, client: client, clock: clock)
            try await world.build()
            try await body(&world)
        }
    }

    private init(harness: APIHarness, client: any TestClientProtocol, clock: TestClock) {
        self.harness = harness
        self.client = client
        self.clock = clock
    }

    func at(_ text: String) { clock.set(text) }

    @discardableResult
    func post(_ uri: String, _ headers: HTTPFields, _ json: String, sourceLocation: SourceLocation = #_sourceLocation) async throws
        -> String?
    {
        try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: json)) { response in
            #expect((200..<300).contains(response.status.code), "\(uri): \(String(buffer: response.body))", sourceLocation: sourceLocation)
            struct Created: Decodable { var id: String }
            return try? response.json(Created.self).id
        }
    }

    func log(_ key: String, at time: String, _ json: String) async throws -> String {
        at(time)
        return try #require(try await post("/v1/incidents", try await harness.bearer(.monitor, unit: "so-tttt"), json))
    }

    /// Units (IncidentAPI.province), the rule, and the month's story up to 5 July noon.
    mutating func build() async throws {
        try await IncidentAPI.province(harness, client)
        let admin = try await harness.bearer(.admin)
        try await post(
            "/v1/rules", admin,
            #"{"id":"first-information","clock":"firstInformation","effectiveFrom":"2017-03-25","allowance":{"amount":24,"unit":"hours"},"legalBasis":"Nghị định 09/2017/NĐ-CP, Điều 6 khoản 3"}"#
        )
        ids["gpmb"] = try await log(
            "gpmb", at: "2026-07-01T09:00:00+07:00",
            #"""
            {"source":"press","outlet":"Báo Bắc Kạn","url":"https://baobackan.vn/gpmb-xa-b","publishedAt":"2026-07-01T07:00:00+07:00",
             "title":"Dư luận bức xúc về giải phóng mặt bằng ở xã B","summary":"Người dân phản ánh chậm chi trả bồi thường",
             "topics":["giải phóng mặt bằng"],"unitIds":["xa-b"],"severity":"high","hotSpot":true,"reach":3000}
            """#)
        ids["ntm"] = try await log(
            "ntm", at: "2026-07-01T10:00:00+07:00",
            #"""
            {"source":"socialMedia","outlet":"Facebook","url":"https://facebook.com/posts/ntm-huyen-c","publishedAt":"2026-07-01T06:00:00+07:00",
             "title":"Nông thôn mới ở huyện C: đường bê tông xuống cấp","summary":"Đường liên thôn mới làm đã hỏng",
             "topics":["nông thôn mới"],"unitIds":["huyen-c"],"severity":"medium"}
            """#)
        let province = try await harness.bearer(.supervisor, unit: "tinh")
        at("2026-07-01T12:00:00+07:00")
        try await post("/v1/incidents/\(ids["gpmb"]!)/assignments", province, #"{"unitId":"xa-b","dueAt":"2026-07-03T17:00:00+07:00"}"#)
        try await post("/v1/incidents/\(ids["ntm"]!)/assignments", province, #"{"unitId":"huyen-c","dueAt":"2026-07-02T17:00:00+07:00"}"#)
        let commune = try await harness.bearer(.unitOfficer, unit: "xa-b")
        at("2026-07-02T09:00:00+07:00")
        try await post("/v1/incidents/\(ids["gpmb"]!)/verification", commune, #"{"outcome":"inaccurate","findings":"Đã chi trả đủ"}"#)
        at("2026-07-02T09:30:00+07:00")
        try await post(
            "/v1/incidents/\(ids["gpmb"]!)/responses", commune,
            #"{"kind":"rebuttal","channel":"Cổng thông tin điện tử","content":"Thông tin chính thức về chi trả bồi thường"}"#)
        at("2026-07-02T10:00:00+07:00")
        try await post("/v1/incidents/\(ids["gpmb"]!)/resolution", province, #"{"resolution":"Đã thông tin chính thức"}"#)
        ids["dvc"] = try await log(
            "dvc", at: "2026-07-05T08:00:00+07:00",
            #"""
            {"source":"electronicNews","outlet":"VnExpress","url":"https://vnexpress.net/dich-vu-cong-so-tttt","publishedAt":"2026-07-05T07:00:00+07:00",
             "title":"Cổng dịch vụ công trực tuyến thường xuyên lỗi","summary":"Người dân không nộp được hồ sơ",
             "topics":["dịch vụ công"],"unitIds":["so-tttt"],"severity":"low"}
            """#)
        at("2026-07-05T12:00:00+07:00")
    }

    struct Page: Decodable {
        struct Item: Decodable {
            var incidentId: String
            var status: String
            var overdue: Bool
            var nextDueAt: String?
            var assignedUnitId: String?
        }
        var incidents: [Item]
        var asOf: String
        var answeredFrom: String
        var nextAfter: String?
        var next: String?
    }

    /// The ids (by the world's names) a list query answers, and the page.
    func list(_ query: String, _ headers: HTTPFields, sourceLocation: SourceLocation = #_sourceLocation) async throws -> ([String], Page) {
        try await client.execute(uri: "/v1/incidents\(query)", method: .get, headers: headers) { response in
            #expect(response.status == .ok, "\(query): \(String(buffer: response.body))", sourceLocation: sourceLocation)
            let page = try response.json(Page.self)
            let names = Dictionary(uniqueKeysWithValues: ids.map { ($0.value, $0.key) })
            return (page.incidents.map { names[$0.incidentId] ?? $0.incidentId }, page)
        }
    }

    func status(_ uri: String, _ headers: HTTPFields) async throws -> (HTTPResponse.Status, Problem?) {
        try await client.execute(uri: uri, method: .get, headers: headers) { response in
            (response.status, try? response.json(Problem.self))
        }
    }
}

/// `GET /v1/incidents`: filters, search with and without diacritics, orders and cursors, `asOf`,
/// who sees what, and a 400 naming every bad parameter.
@Suite struct IncidentListAPITests {
    @Test func filtersAndSearchOverTheLiveTable() async throws {
        try await IncidentListWorld.with { world in
            let auditor = try await world.harness.bearer(.auditor)
            let (all, page) = try await world.list("", auditor)
            #expect(all == ["dvc", "ntm", "gpmb"], "newest logged first by default")
            #expect(page.answeredFrom == "readModel" && page.nextAfter == nil && page.next == nil)
            #expect(try await world.list("?status=open", auditor).0 == ["dvc", "ntm"], "the resolved incident left the open list")
            #expect(try await world.list("?status=resolved", auditor).0 == ["gpmb"])
            #expect(try await world.list("?unit=xa-b", auditor).0 == ["gpmb"])
            #expect(try await world.list("?under=huyen-a", auditor).0 == ["gpmb"], "the commune under the district")
            #expect(try await world.list("?under=tinh&status=open", auditor).0 == ["dvc", "ntm"])
            #expect(try await world.list("?source=socialMedia", auditor).0 == ["ntm"])
            #expect(try await world.list("?severity=high", auditor).0 == ["gpmb"])
            #expect(try await world.list("?topic=n%C3%B4ng%20th%C3%B4n%20m%E1%BB%9Bi", auditor).0 == ["ntm"])
            #expect(try await world.list("?hotspot=true", auditor).0 == ["gpmb"])
            // 5 July noon: Huyện C's verification (due 2 July 17:00) and first information (due 2 July 06:00) ran out.
            let (overdue, overduePage) = try await world.list("?overdue=true", auditor)
            #expect(overdue == ["ntm"])
            #expect(overduePage.incidents.first?.nextDueAt == "2026-07-01T23:00:00.000000Z")
            #expect(try await world.list("?overdue=false", auditor).0 == ["dvc", "gpmb"])
            // Diacritics and case do not matter; đ is d.
            for q in ["d%C6%B0%20lu%E1%BA%ADn", "du%20luan", "DU%20LUAN", "gi%E1%BA%A3i%20ph%C3%B3ng", "giai%20phong%20mat%20bang"] {
                #expect(try await world.list("?q=\(q)", auditor).0 == ["gpmb"], "\(q)")
            }
            #expect(try await world.list("?q=%C4%91%C6%B0%E1%BB%9Dng%20b%C3%AA%20t%C3%B4ng", auditor).0 == ["ntm"], "đường bê tông")
            #expect(try await world.list("?q=duong%20be%20tong", auditor).0 == ["ntm"])
            #expect(try await world.list("?q=lu%E1%BA%ADn%20%C3%A1n", auditor).0 == [], "luận án")
            #expect(try await world.list("?q=%3F%21", auditor).0 == [], "no words, nothing found")
            #expect(try await world.list("?status=open&q=cong&source=electronicNews", auditor).0 == ["dvc"])
        }
    }

    @Test func ordersAndTheCursorWalkEveryIncidentOnce() async throws {
        try await IncidentListWorld.with { world in
            let auditor = try await world.harness.bearer(.auditor)
            #expect(try await world.list("?sort=loggedAt", auditor).0 == ["gpmb", "ntm", "dvc"])
            #expect(try await world.list("?sort=-severity", auditor).0 == ["gpmb", "ntm", "dvc"])
            #expect(try await world.list("?sort=severity", auditor).0 == ["dvc", "ntm", "gpmb"])
            // Running clocks: Huyện C's first information (1 July 06:00 + 24 h), then VnExpress's (5 July 07:00 + 24 h);
            // the resolved incident runs none and comes last.
            #expect(try await world.list("?sort=dueAt", auditor).0 == ["ntm", "dvc", "gpmb"])
            for sort in ["-loggedAt", "loggedAt", "severity", "-severity", "dueAt", "-dueAt"] {
                for asOf in ["", "&asOf=2026-07-05T12:00:00%2B07:00"] {
                    let whole = try await world.list("?sort=\(sort)\(asOf)", auditor).0
                    var seen: [String] = []
                    var pages = 0
                    var uri: String? = "?sort=\(sort)&limit=1\(asOf)"
                    while let next = uri, seen.count < 10 {
                        let (ids, page) = try await world.list(next, auditor)
                        #expect(ids.count <= 1, "limit=1 holds")
                        seen += ids
                        pages += 1
                        uri = page.next.map { String($0.dropFirst("/v1/incidents".count)) }
                    }
                    #expect(whole.count == 3)
                    #expect(pages == whole.count, "one incident per page, walked by the cursor")
                    #expect(seen == whole, "\(sort)\(asOf)")
                }
            }
        }
    }

    @Test func asOfAnswersAsTheLogStoodThen() async throws {
        try await IncidentListWorld.with { world in
            let auditor = try await world.harness.bearer(.auditor)
            // 2 July 09:15: verified but not yet resolved, VnExpress not yet logged.
            let (open, page) = try await world.list("?status=open&asOf=2026-07-02T09:15:00%2B07:00", auditor)
            #expect(open == ["ntm", "gpmb"])
            #expect(page.answeredFrom == "readModel")
            #expect(page.asOf == "2026-07-02T02:15:00.000000Z")
            // Overdue is decided at the instant asked about: Huyện C's first information ran out at 06:00 on 2 July.
            #expect(try await world.list("?overdue=true&asOf=2026-07-02T05:59:00%2B07:00", auditor).0 == [])
            #expect(try await world.list("?overdue=true&asOf=2026-07-02T09:15:00%2B07:00", auditor).0 == ["ntm", "gpmb"])
            #expect(try await world.list("?asOf=2026-06-30T00:00:00%2B07:00", auditor).0 == [], "before anything was logged")
            // The same instant as the live table gives the same answer.
            #expect(try await world.list("?asOf=2026-07-05T12:00:00%2B07:00", auditor).0 == (try await world.list("", auditor).0))
        }
    }

    @Test func eachRoleSeesItsOwnPart() async throws {
        try await IncidentListWorld.with { world in
            let district = try await world.harness.bearer(.supervisor, unit: "huyen-a")
            #expect(try await world.list("", district).0 == ["gpmb"])
            #expect(try await world.list("?under=xa-b", district).0 == ["gpmb"])
            let (status, problem) = try await world.status("/v1/incidents?under=huyen-c", district)
            #expect(status == .forbidden && problem?.field == "under")
            #expect(try await world.status("/v1/incidents?unit=so-tttt", district).0 == .forbidden)
            let commune = try await world.harness.bearer(.unitOfficer, unit: "xa-b")
            #expect(try await world.list("", commune).0 == ["gpmb"])
            #expect(try await world.status("/v1/incidents?unit=huyen-a", commune).0 == .forbidden)
            let monitor = try await world.harness.bearer(.monitor, unit: "so-tttt")
            #expect(try await world.list("", monitor).0 == ["dvc", "ntm", "gpmb"], "monitors list everything")
            let unbound = try await world.harness.bearer(.supervisor)
            #expect(try await world.status("/v1/incidents", unbound).0 == .forbidden)
            #expect(try await world.status("/v1/incidents", [:]).0 == .unauthorized)
        }
    }

    @Test func everyBadParameterIsA400NamingIt() async throws {
        try await IncidentListWorld.with { world in
            let auditor = try await world.harness.bearer(.auditor)
            let long = String(repeating: "a", count: 201)
            for (query, field) in [
                ("status=pending", "status"), ("unit=X", "unit"), ("under=-a", "under"), ("source=tv", "source"),
                ("severity=urgent", "severity"), ("topic=", "topic"), ("topic=\(long)", "topic"), ("overdue=yes", "overdue"),
                ("hotspot=1", "hotspot"), ("q=", "q"), ("q=\(long)", "q"), ("sort=title", "sort"), ("after=abc", "after"),
                ("after=12:UPPER", "after"), ("limit=0", "limit"), ("limit=501", "limit"), ("asOf=2026-07-02", "asOf"),
            ] {
                let (status, problem) = try await world.status("/v1/incidents?\(query)", auditor)
                #expect(status == .badRequest, "\(query)")
                #expect(problem?.type == "urn:opinion-ledger:problem:invalid-parameter" && problem?.field == field, "\(query)")
            }
        }
    }
}
