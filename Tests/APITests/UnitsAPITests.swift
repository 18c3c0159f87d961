import Events
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// Units over HTTP on real PostgreSQL: register, the tree on a date and as recorded at an instant,
/// If-Match, idempotent creates, and who may write.
@Suite struct UnitsAPITests {
    struct Unit: Decodable {
        var id: String
        var name: String
        var kind: String
        var parentId: String?
        var status: String
        var version: Int64
        var position: Int64?
    }
    struct UnitList: Decodable {
        var units: [Unit]
        var nextAfter: String?
    }

    static func body(_ json: String) -> ByteBuffer { ByteBuffer(string: json) }

    static func register(
        _ client: some TestClientProtocol, _ auth: HTTPFields, _ json: String
    ) async throws -> Unit {
        try await client.execute(uri: "/v1/units", method: .post, headers: auth, body: body(json)) { response in
            #expect(response.status == .created, "\(String(buffer: response.body))")
            #expect(response.headers[.location]?.hasPrefix("/v1/units/") == true)
            return try response.json(Unit.self)
        }
    }

    @Test func registerAndListTheTree() async throws {
        try await APIHarness.with { harness, client in
            let admin = try await harness.bearer(.admin)
            let province = try await Self.register(
                client, admin, #"{"id":"tinh-bk","name":"UBND tỉnh Bắc Kạn","kind":"province","effectiveFrom":"2021-01-01"}"#)
            #expect(province.version == 1)
            #expect(province.position == 1)
            _ = try await Self.register(
                client, admin,
                #"{"id":"so-tttt","name":"Sở Thông tin và Truyền thông","kind":"provincialDepartment","parentId":"tinh-bk","effectiveFrom":"2021-01-01"}"#
            )
            _ = try await Self.register(
                client, admin,
                #"{"id":"huyen-cd","name":"UBND huyện Chợ Đồn","kind":"districtCommittee","parentId":"tinh-bk","effectiveFrom":"2021-01-01"}"#
            )
            _ = try await Self.register(
                client, admin,
                #"{"id":"xa-ba","name":"UBND xã Bằng Lãng","kind":"commune","parentId":"huyen-cd","effectiveFrom":"2021-01-01"}"#)

            let reader = try await harness.bearer(.auditor)
            let under = try await client.execute(uri: "/v1/units?under=huyen-cd&at=2024-01-01", method: .get, headers: reader) {
                try $0.json(UnitList.self)
            }
            #expect(Set(under.units.map(\.id)) == ["huyen-cd", "xa-ba"])
            let children = try await client.execute(uri: "/v1/units?parent=tinh-bk&at=2024-01-01", method: .get, headers: reader) {
                try $0.json(UnitList.self)
            }
            #expect(Set(children.units.map(\.id)) == ["so-tttt", "huyen-cd"])
            let communes = try await client.execute(uri: "/v1/units?kind=commune&at=2024-01-01", method: .get, headers: reader) {
                try $0.json(UnitList.self)
            }
            #expect(communes.units.map(\.id) == ["xa-ba"])
            let before = try await client.execute(uri: "/v1/units?at=2020-12-31", method: .get, headers: reader) {
                try $0.json(UnitList.self)
            }
            #expect(before.units.isEmpty, "no unit existed before its effective date")
            let paged = try await client.execute(uri: "/v1/units?at=2024-01-01&limit=3", method: .get, headers: reader) {
                try $0.json(UnitList.self)
            }
            #expect(paged.units.count == 3)
            let next = try #require(paged.nextAfter)
            let rest = try await client.execute(uri: "/v1/units?at=2024-01-01&limit=3&after=\(next)", method: .get, headers: reader) {
                try $0.json(UnitList.self)
            }
            #expect(Set((paged.units + rest.units).map(\.id)) == ["tinh-bk", "so-tttt", "huyen-cd", "xa-ba"])
            #expect(rest.nextAfter == nil)
        }
    }

    @Test func renameIsDatedAndAsOfAnswersFromTheLogThen() async throws {
        try await APIHarness.with { harness, client in
            let admin = try await harness.bearer(.admin)
            _ = try await Self.register(
                client, admin, #"{"id":"huyen-a","name":"UBND huyện A","kind":"districtCommittee","effectiveFrom":"2024-01-01"}"#)
            let beforeRename = try await harness.store.readAll(after: 0, limit: 10, filter: .all).events.last!.recordedAt
            var ifMatch = admin
            ifMatch[.ifMatch] = "\"1\""
            try await client.execute(
                uri: "/v1/units/huyen-a", method: .patch, headers: ifMatch,
                body: Self.body(#"{"name":"UBND thị xã A","effectiveFrom":"2025-07-01"}"#)
            ) { response in
                #expect(response.status == .ok, "\(String(buffer: response.body))")
                #expect(response.headers[.eTag] == "\"2\"")
            }
            func name(_ query: String) async throws -> String {
                try await client.execute(uri: "/v1/units/huyen-a?\(query)", method: .get, headers: admin) { try $0.json(Unit.self).name }
            }
            #expect(try await name("at=2025-06-30") == "UBND huyện A")
            #expect(try await name("at=2025-07-01") == "UBND thị xã A")
            let asOf = beforeRename.rfc3339.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            #expect(try await name("at=2025-07-01&asOf=\(asOf)") == "UBND huyện A", "the log did not know the rename yet")
        }
    }

    @Test func ifMatchIsRequiredAndAStaleOneWritesNothing() async throws {
        try await APIHarness.with { harness, client in
            let admin = try await harness.bearer(.admin)
            _ = try await Self.register(
                client, admin, #"{"id":"huyen-a","name":"UBND huyện A","kind":"districtCommittee","effectiveFrom":"2024-01-01"}"#)
            try await client.execute(uri: "/v1/units/huyen-a", method: .patch, headers: admin, body: Self.body(#"{"name":"B"}"#)) {
                #expect($0.status == .preconditionRequired)
            }
            var stale = admin
            stale[.ifMatch] = "\"7\""
            try await client.execute(uri: "/v1/units/huyen-a", method: .patch, headers: stale, body: Self.body(#"{"name":"B"}"#)) {
                response in
                #expect(response.status == .preconditionFailed)
                let problem = try response.json(Problem.self)
                #expect(problem.type == "urn:opinion-ledger:problem:version-conflict")
            }
            #expect(try await harness.store.headPosition() == 1, "nothing was written")
        }
    }

    @Test func onlyAdminsWriteAndAForbiddenCallWritesNothing() async throws {
        try await APIHarness.with { harness, client in
            for role in [Role.supervisor, .unitOfficer, .monitor, .auditor] {
                let auth = try await harness.bearer(role)
                try await client.execute(
                    uri: "/v1/units", method: .post, headers: auth, body: Self.body(#"{"name":"X","kind":"commune"}"#)
                ) { #expect($0.status == .forbidden, "\(role)") }
            }
            #expect(try await harness.store.headPosition() == 0)
        }
    }

    @Test func idempotentCreateReplaysAndRefusesAnotherBody() async throws {
        try await APIHarness.with { harness, client in
            var admin = try await harness.bearer(.admin)
            admin[.init("Idempotency-Key")!] = "create-huyen-1"
            let json = #"{"name":"UBND huyện B","kind":"districtCommittee","effectiveFrom":"2024-01-01"}"#
            let first = try await Self.register(client, admin, json)
            let again = try await Self.register(client, admin, json)
            #expect(again.id == first.id)
            #expect(again.position == first.position)
            #expect(try await harness.store.headPosition() == 1)
            try await client.execute(
                uri: "/v1/units", method: .post, headers: admin,
                body: Self.body(#"{"name":"UBND huyện C","kind":"districtCommittee"}"#)
            ) { #expect($0.status == .conflict) }
            #expect(try await harness.store.headPosition() == 1)
        }
    }

    @Test func mergedUnitsStopChangingAndCyclesAreRefused() async throws {
        try await APIHarness.with { harness, client in
            let admin = try await harness.bearer(.admin)
            _ = try await Self.register(client, admin, #"{"id":"tinh","name":"Tỉnh","kind":"province","effectiveFrom":"2024-01-01"}"#)
            _ = try await Self.register(
                client, admin, #"{"id":"huyen-a","name":"A","kind":"districtCommittee","parentId":"tinh","effectiveFrom":"2024-01-01"}"#)
            _ = try await Self.register(
                client, admin, #"{"id":"huyen-b","name":"B","kind":"districtCommittee","parentId":"tinh","effectiveFrom":"2024-01-01"}"#)
            var v2 = admin
            v2[.ifMatch] = "\"2\""
            try await client.execute(uri: "/v1/units/tinh", method: .patch, headers: v2, body: Self.body(#"{"parentId":"huyen-a"}"#)) {
                #expect($0.status == .preconditionFailed)
            }
            var v1 = admin
            v1[.ifMatch] = "\"1\""
            try await client.execute(uri: "/v1/units/tinh", method: .patch, headers: v1, body: Self.body(#"{"parentId":"huyen-a"}"#)) {
                #expect($0.status == .conflict, "a unit cannot move under its own child")
            }
            try await client.execute(
                uri: "/v1/units/huyen-a/merge", method: .post, headers: v1,
                body: Self.body(#"{"intoUnitId":"huyen-b","effectiveFrom":"2025-07-01"}"#)
            ) { response in
                #expect(response.status == .ok)
                let unit = try response.json(Unit.self)
                #expect(unit.status == "merged")
            }
            var after = admin
            after[.ifMatch] = "\"2\""
            try await client.execute(uri: "/v1/units/huyen-a", method: .patch, headers: after, body: Self.body(#"{"name":"A2"}"#)) {
                #expect($0.status == .conflict)
            }
            try await client.execute(
                uri: "/v1/units/huyen-b/merge", method: .post, headers: v1, body: Self.body(#"{"intoUnitId":"nowhere"}"#)
            ) { #expect($0.status == .conflict) }
            let atBefore = try await client.execute(uri: "/v1/units/huyen-a?at=2025-06-30", method: .get, headers: admin) {
                try $0.json(Unit.self)
            }
            #expect(atBefore.status == "active", "before the merge date it still acted")
        }
    }

    @Test(arguments: [
        ("", "a JSON body is required", nil as String?),
        ("[1]", "must be a JSON object", nil),
        (#"{"kind":"commune"}"#, "name", "name"),
        (#"{"name":"X","kind":"castle"}"#, "kind", "kind"),
        (#"{"name":"X","kind":"commune","effectiveFrom":"2023-02-29"}"#, "effectiveFrom", "effectiveFrom"),
        (#"{"name":"X","kind":"commune","parentId":"Not Valid"}"#, "parentId", "parentId"),
    ])
    func badBodiesAre400(json: String, mention: String, field: String?) async throws {
        try await APIHarness.with { harness, client in
            let admin = try await harness.bearer(.admin)
            try await client.execute(uri: "/v1/units", method: .post, headers: admin, body: Self.body(json)) { response in
                #expect(response.status == .badRequest)
                let problem = try response.json(Problem.self)
                #expect(problem.detail.contains(mention) || problem.field == mention, "\(problem.detail)")
                if let field { #expect(problem.field == field) }
            }
        }
    }
}
