import API
import EventStore
import Events
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LedgerTestSupport
import NIOCore
import Projections
import Testing

/// Obligations over HTTP on real PostgreSQL: the seeds' monthly "before the 23rd" report to the DIC,
/// a revision from 2025-01 read as of before and after it, If-Match, and who may write.
@Suite struct ObligationsAPITests {
    struct Schedule: Decodable { var kind: String; var dueDay: Int? }
    struct Window: Decodable { var from: String; var to: String }
    struct Terms: Decodable { var title: String; var schedule: Schedule; var recipientUnitId: String }
    struct ForPeriod: Decodable {
        var period: String
        var effectiveFrom: String
        var terms: Terms
        var dueDate: String
        var deadline: String
        var dataWindow: Window
    }
    struct Obligation: Decodable {
        var id: String
        var title: String
        var status: String
        var effectiveFrom: String
        var schedule: Schedule
        var versions: [Terms]
        var lastPeriod: String?
        var forPeriod: ForPeriod?
        var version: Int64
    }
    struct ObligationList: Decodable { var obligations: [Obligation] }

    /// The deciders see 2024-12-01 00:00 in Hà Nội as "now"; the log records real time.
    static let now = Timestamp(rfc3339: "2024-12-01T00:00:00+07:00")!

    static func with(_ body: @Sendable @escaping (APIHarness, any TestClientProtocol) async throws -> Void) async throws {
        try await TestDatabase.with { database in
            let store = database.store()
            let tokens = PostgresTokenRegistry(client: database.client, logger: database.logger)
            let harness = APIHarness(database: database, store: store, tokens: tokens)
            let router = try LedgerRouter.build(
                LedgerServices(
                    store: store, models: ReadModels(client: database.client, logger: database.logger), tokens: tokens,
                    clock: LedgerClock(now: { Self.now }),
                    readiness: { Readiness(database: "ok", migrations: "current") }))
            try await Application(router: router).test(.router) { client in try await body(harness, client) }
        }
    }

    static func body(_ json: String) -> ByteBuffer { ByteBuffer(string: json) }

    static let seedObligation = #"""
        {"id":"bc-du-luan","title":"Báo cáo tình hình nắm bắt, xử lý dư luận","recipientUnitId":"so-tttt",
         "reporters":{"kinds":["provincialDepartment","districtCommittee"],"underUnitId":"tinh-bk"},
         "schedule":{"kind":"monthly","dueDay":23},"effectiveFrom":"2024-01"}
        """#

    /// Registers the province, the DIC, one more department and one district.
    static func province(_ client: some TestClientProtocol, _ admin: HTTPFields) async throws {
        for json in [
            #"{"id":"tinh-bk","name":"UBND tỉnh Bắc Kạn","kind":"province","effectiveFrom":"2021-01-01"}"#,
            #"{"id":"so-tttt","name":"Sở TT&TT","kind":"provincialDepartment","parentId":"tinh-bk","effectiveFrom":"2021-01-01"}"#,
            #"{"id":"so-noi-vu","name":"Sở Nội vụ","kind":"provincialDepartment","parentId":"tinh-bk","effectiveFrom":"2021-01-01"}"#,
            #"{"id":"huyen-cd","name":"UBND huyện Chợ Đồn","kind":"districtCommittee","parentId":"tinh-bk","effectiveFrom":"2021-01-01"}"#,
        ] {
            try await client.execute(uri: "/v1/units", method: .post, headers: admin, body: body(json)) {
                #expect($0.status == .created)
            }
        }
    }

    static func define(_ client: some TestClientProtocol, _ admin: HTTPFields) async throws -> Obligation {
        try await client.execute(uri: "/v1/obligations", method: .post, headers: admin, body: body(seedObligation)) { response in
            #expect(response.status == .created, "\(String(buffer: response.body))")
            #expect(response.headers[.location] == "/v1/obligations/bc-du-luan")
            #expect(response.headers[.eTag] == "\"1\"")
            return try response.json(Obligation.self)
        }
    }

    static func read(_ client: some TestClientProtocol, _ auth: HTTPFields, _ query: String) async throws -> Obligation {
        try await client.execute(uri: "/v1/obligations/bc-du-luan?\(query)", method: .get, headers: auth) { response in
            #expect(response.status == .ok, "\(String(buffer: response.body))")
            return try response.json(Obligation.self)
        }
    }

    @Test func theSeedsMonthlyReportIsDueAtMidnightOnThe23rdLocalTime() async throws {
        try await Self.with { harness, client in
            let admin = try await harness.bearer(.admin)
            try await Self.province(client, admin)
            let created = try await Self.define(client, admin)
            #expect(created.version == 1)
            #expect(created.status == "active")
            let reader = try await harness.bearer(.auditor)
            let october = try #require(try await Self.read(client, reader, "period=2024-10").forPeriod)
            #expect(october.deadline == "2024-10-23T00:00:00+07:00")
            #expect(october.dueDate == "2024-10-23")
            #expect(october.dataWindow.from == "2024-09-15")
            #expect(october.dataWindow.to == "2024-10-14")
            try await client.execute(uri: "/v1/obligations/bc-du-luan?period=2023-12", method: .get, headers: reader) {
                #expect($0.status == .notFound, "before the obligation started")
            }
            try await client.execute(uri: "/v1/obligations/bc-du-luan?period=2024-13", method: .get, headers: reader) { response in
                #expect(response.status == .badRequest)
                let problem = try response.json(Problem.self)
                #expect(problem.field == "period")
            }
            let listed = try await client.execute(uri: "/v1/obligations?recipient=so-tttt&active=true", method: .get, headers: reader) {
                try $0.json(ObligationList.self)
            }
            #expect(listed.obligations.map(\.id) == ["bc-du-luan"])
            let none = try await client.execute(uri: "/v1/obligations?recipient=huyen-cd", method: .get, headers: reader) {
                try $0.json(ObligationList.self)
            }
            #expect(none.obligations.isEmpty)
        }
    }

    @Test func aRevisionAppliesFromItsPeriodAndAsOfShowsTheTermsBeforeIt() async throws {
        try await Self.with { harness, client in
            let admin = try await harness.bearer(.admin)
            try await Self.province(client, admin)
            _ = try await Self.define(client, admin)
            // The harness records events at the real time while its clock stays in 2024, and an `asOf` later
            // than the clock is refused: the log before the revision is asked for by its position.
            let beforeRevision = try await harness.store.headPosition()
            var ifMatch = admin
            ifMatch[.ifMatch] = "\"1\""
            // A revision carries the terms only: the id is the path's (an `id` member would be refused).
            let revision = Self.seedObligation.replacingOccurrences(of: #""id":"bc-du-luan","#, with: "")
                .replacingOccurrences(of: #""dueDay":23"#, with: #""dueDay":20"#)
                .replacingOccurrences(of: "2024-01", with: "2025-01")
            try await client.execute(
                uri: "/v1/obligations/bc-du-luan/revisions", method: .post, headers: ifMatch, body: Self.body(revision)
            ) {
                response in
                #expect(response.status == .ok, "\(String(buffer: response.body))")
                #expect(response.headers[.eTag] == "\"2\"")
                let revised = try response.json(Obligation.self)
                #expect(revised.effectiveFrom == "2025-01")
                #expect(revised.versions.count == 2)
            }
            let reader = try await harness.bearer(.auditor)
            #expect(try await Self.read(client, reader, "period=2024-12").forPeriod?.deadline == "2024-12-23T00:00:00+07:00")
            #expect(try await Self.read(client, reader, "period=2025-01").forPeriod?.deadline == "2025-01-20T00:00:00+07:00")
            let then = try await Self.read(client, reader, "period=2025-01&atPosition=\(beforeRevision)")
            #expect(then.forPeriod?.deadline == "2025-01-23T00:00:00+07:00", "the log did not know the revision yet")
            #expect(then.version == 1)

            try await client.execute(
                uri: "/v1/obligations/bc-du-luan/revisions", method: .post, headers: ifMatch, body: Self.body(revision)
            ) {
                response in
                #expect(response.status == .preconditionFailed)
                let problem = try response.json(Problem.self)
                #expect(problem.type == "urn:opinion-ledger:problem:version-conflict")
            }
            try await client.execute(uri: "/v1/obligations/bc-du-luan/revisions", method: .post, headers: admin, body: Self.body(revision))
            {
                #expect($0.status == .preconditionRequired)
            }
            var v2 = admin
            v2[.ifMatch] = "\"2\""
            let settled = revision.replacingOccurrences(of: "2025-01", with: "2024-11").replacingOccurrences(
                of: #""dueDay":20"#, with: #""dueDay":25"#)
            try await client.execute(uri: "/v1/obligations/bc-du-luan/revisions", method: .post, headers: v2, body: Self.body(settled)) {
                response in
                #expect(response.status == .conflict, "2024-11 was due on 2024-11-23, before now")
                let problem = try response.json(Problem.self)
                #expect(problem.field == "effectiveFrom")
            }
            #expect(try await harness.store.headPosition() == 6, "four units, the definition and one revision")
        }
    }

    @Test func retireEndsTheObligationAfterItsLastPeriod() async throws {
        try await Self.with { harness, client in
            let admin = try await harness.bearer(.admin)
            try await Self.province(client, admin)
            _ = try await Self.define(client, admin)
            var ifMatch = admin
            ifMatch[.ifMatch] = "\"1\""
            try await client.execute(
                uri: "/v1/obligations/bc-du-luan/retire", method: .post, headers: ifMatch, body: Self.body(#"{"lastPeriod":"2024-Q4"}"#)
            ) { #expect($0.status == .conflict, "a quarter is not one of a monthly schedule's periods") }
            try await client.execute(
                uri: "/v1/obligations/bc-du-luan/retire", method: .post, headers: ifMatch, body: Self.body(#"{"lastPeriod":"2024-12"}"#)
            ) { response in
                #expect(response.status == .ok, "\(String(buffer: response.body))")
                let retired = try response.json(Obligation.self)
                #expect(retired.status == "retired")
                #expect(retired.lastPeriod == "2024-12")
            }
            try await client.execute(uri: "/v1/obligations/bc-du-luan?period=2025-01", method: .get, headers: admin) {
                #expect($0.status == .notFound)
            }
            let active = try await client.execute(uri: "/v1/obligations?active=true", method: .get, headers: admin) {
                try $0.json(ObligationList.self)
            }
            #expect(active.obligations.map(\.id) == ["bc-du-luan"], "it still applies to December, the month of now")
        }
    }

    @Test func onlyAdminsWriteAndAForbiddenCallWritesNothing() async throws {
        try await Self.with { harness, client in
            let admin = try await harness.bearer(.admin)
            try await Self.province(client, admin)
            for role in [Role.supervisor, .unitOfficer, .monitor, .auditor] {
                let auth = try await harness.bearer(role)
                try await client.execute(uri: "/v1/obligations", method: .post, headers: auth, body: Self.body(Self.seedObligation)) {
                    #expect($0.status == .forbidden, "\(role)")
                }
            }
            #expect(try await harness.store.headPosition() == 4, "only the four units")
        }
    }

    @Test func idempotentDefineReplaysAndRefusesAnotherBody() async throws {
        try await Self.with { harness, client in
            var admin = try await harness.bearer(.admin)
            try await Self.province(client, admin)
            admin[.init("Idempotency-Key")!] = "define-bc-1"
            let json = Self.seedObligation.replacingOccurrences(of: #""id":"bc-du-luan","#, with: "")
            var ids: [String] = []
            for _ in 0..<2 {
                try await client.execute(uri: "/v1/obligations", method: .post, headers: admin, body: Self.body(json)) { response in
                    #expect(response.status == .created, "\(String(buffer: response.body))")
                    ids.append(try response.json(Obligation.self).id)
                }
            }
            #expect(ids[0] == ids[1], "the retry answers the first result")
            #expect(try await harness.store.headPosition() == 5)
            let other = json.replacingOccurrences(of: #""dueDay":23"#, with: #""dueDay":25"#)
            try await client.execute(uri: "/v1/obligations", method: .post, headers: admin, body: Self.body(other)) {
                #expect($0.status == .conflict)
            }
            #expect(try await harness.store.headPosition() == 5)
        }
    }

    @Test func unknownUnitsAreInvalidReferences() async throws {
        try await Self.with { harness, client in
            let admin = try await harness.bearer(.admin)
            try await client.execute(uri: "/v1/obligations", method: .post, headers: admin, body: Self.body(Self.seedObligation)) {
                response in
                #expect(response.status == .conflict)
                let problem = try response.json(Problem.self)
                #expect(problem.type == "urn:opinion-ledger:problem:invalid-reference")
                #expect(problem.field == "recipientUnitId")
            }
            #expect(try await harness.store.headPosition() == 0)
        }
    }

    @Test(arguments: [
        (#"{"title":"X"}"#, "reporters"),
        (Self.seedObligation.replacingOccurrences(of: "2024-01", with: "2024-Q1"), "effectiveFrom"),
        (Self.seedObligation.replacingOccurrences(of: #""dueDay":23"#, with: #""dueDay":32"#), "schedule.dueDay"),
        (
            Self.seedObligation.replacingOccurrences(
                of: #""recipientUnitId":"so-tttt""#, with: #""recipientUnitId":"so-tttt","timeZone":"Mars/Base""#), "timeZone"
        ),
        (Self.seedObligation.replacingOccurrences(of: "Báo cáo tình hình nắm bắt, xử lý dư luận", with: "   "), "title"),
        (
            Self.seedObligation.replacingOccurrences(of: #""underUnitId":"tinh-bk""#, with: #""underUnitId":"tinh-bk","unitIds":["a"]"#),
            "reporters.kinds"
        ),
    ])
    func badBodiesAre400(json: String, field: String) async throws {
        try await Self.with { harness, client in
            let admin = try await harness.bearer(.admin)
            try await Self.province(client, admin)
            try await client.execute(uri: "/v1/obligations", method: .post, headers: admin, body: Self.body(json)) { response in
                #expect(response.status == .badRequest, "\(String(buffer: response.body))")
                let problem = try response.json(Problem.self)
                #expect(problem.field == field)
            }
        }
    }
}
