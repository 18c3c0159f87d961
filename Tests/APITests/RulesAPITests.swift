import Events
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// Clock rules as data over HTTP: admins define, revise and retire them; everyone reads them, as of
/// any instant; incidents take the rule in effect on their clock's start date.
@Suite struct RulesAPITests {
    typealias A = IncidentAPI

    struct Rule: Decodable {
        struct Version: Decodable { var effectiveFrom: String; var legalBasis: String }
        var id: String
        var clock: String
        var versions: [Version]
        var retiredFrom: String?
    }
    struct RuleList: Decodable { var rules: [Rule] }

    static let petition = #"""
        {"id":"petition-measures","clock":"petitionMeasures","effectiveFrom":"2017-01-01",
         "allowance":{"amount":30,"unit":"days"},"legalBasis":"Luật Báo chí 2016, Điều 39"}
        """#
    static let petitionFromJuly = #"""
        {"effectiveFrom":"2026-07-01","allowance":{"amount":15,"unit":"workingDays"},"legalBasis":"Nghị định 237/2026/NĐ-CP, Điều 18"}
        """#

    func rule(_ client: some TestClientProtocol, _ uri: String, _ headers: HTTPFields, _ json: String, expect status: HTTPResponse.Status)
        async throws -> Rule?
    {
        try await client.execute(uri: uri, method: .post, headers: headers, body: A.body(json)) { response in
            #expect(response.status == status, "\(uri): \(String(buffer: response.body))")
            return status.code < 300 ? try response.json(Rule.self) : nil
        }
    }

    @Test func adminsManageRulesAndEveryoneReadsThemAsOfAnInstant() async throws {
        let clock = TestClock("2026-05-01T09:00:00+07:00")
        try await APIHarness.with(now: { clock.now() }) { harness, client in
            let admin = try await harness.bearer(.admin)
            let supervisor = try await harness.bearer(.supervisor, unit: "tinh")
            let head = try await harness.store.headPosition()
            _ = try await rule(client, "/v1/rules", supervisor, Self.petition, expect: .forbidden)
            #expect(try await harness.store.headPosition() == head)
            let defined = try await client.execute(uri: "/v1/rules", method: .post, headers: admin, body: A.body(Self.petition)) {
                response in
                #expect(response.status == .created, "\(String(buffer: response.body))")
                #expect(response.headers[.location] == "/v1/rules/petition-measures")
                return try response.json(Rule.self)
            }
            #expect(defined.versions.map(\.effectiveFrom) == ["2017-01-01"])
            _ = try await rule(client, "/v1/rules", admin, Self.petition, expect: .conflict)

            clock.set("2026-06-15T09:00:00+07:00")
            let revised = try await rule(client, "/v1/rules/petition-measures/revisions", admin, Self.petitionFromJuly, expect: .ok)
            #expect(revised?.versions.map(\.effectiveFrom) == ["2017-01-01", "2026-07-01"])
            _ = try await rule(client, "/v1/rules/khong-co/revisions", admin, Self.petitionFromJuly, expect: .notFound)
            let bad = Self.petitionFromJuly.replacingOccurrences(of: #""workingDays""#, with: #""fortnights""#)
            _ = try await rule(client, "/v1/rules/petition-measures/revisions", admin, bad, expect: .badRequest)
            // A bad body is a 400 naming its field even with a stale If-Match: the body is checked first.
            var stale = admin
            stale[.ifMatch] = "\"999\""
            let blankBasis = #"{"effectiveFrom":"2026-08-01","allowance":{"amount":15,"unit":"workingDays"},"legalBasis":" "}"#
            try await client.execute(
                uri: "/v1/rules/petition-measures/revisions", method: .post, headers: stale, body: A.body(blankBasis)
            ) { response in
                #expect(response.status == .badRequest)
                let problem = try response.json(Problem.self)
                #expect(problem.field == "legalBasis")
            }
            try await client.execute(
                uri: "/v1/rules/petition-measures/retire", method: .post, headers: stale,
                body: A.body(#"{"effectiveFrom":"2030-01-01","reason":""}"#)
            ) { response in
                #expect(response.status == .badRequest)
                let problem = try response.json(Problem.self)
                #expect(problem.field == "reason")
            }

            let auditor = try await harness.bearer(.auditor)
            let before = try await client.execute(
                uri: "/v1/rules/petition-measures?asOf=2026-06-01T00:00:00%2B07:00", method: .get, headers: auditor
            ) {
                #expect($0.status == .ok)
                return try $0.json(Rule.self)
            }
            #expect(before.versions.count == 1, "the book as it stood before the revision was recorded")
            let list = try await client.execute(uri: "/v1/rules?clock=petitionMeasures", method: .get, headers: auditor) {
                try $0.json(RuleList.self)
            }
            #expect(list.rules.map(\.id) == ["petition-measures"])
            let none = try await client.execute(uri: "/v1/rules?clock=pressAnswer", method: .get, headers: auditor) {
                try $0.json(RuleList.self)
            }
            #expect(none.rules.isEmpty)
            try await client.execute(uri: "/v1/rules?clock=verification", method: .get, headers: auditor) {
                #expect($0.status == .badRequest)
            }

            let retired = try await rule(
                client, "/v1/rules/petition-measures/retire", admin, #"{"effectiveFrom":"2030-01-01","reason":"Bãi bỏ"}"#, expect: .ok)
            #expect(retired?.retiredFrom == "2030-01-01")
            try await client.execute(
                uri: "/v1/rules/petition-measures/revisions", method: .post, headers: admin, body: A.body(Self.petitionFromJuly)
            ) { response in
                let problem = try response.json(A.StateProblem.self)
                #expect(response.status == .conflict)
                #expect(problem.state == "retired")
            }
        }
    }

    @Test func incidentsTakeTheRuleOfTheirStartDate() async throws {
        let clock = TestClock("2026-07-06T09:00:00+07:00")
        try await APIHarness.with(now: { clock.now() }) { harness, client in
            try await A.province(harness, client)
            let admin = try await harness.bearer(.admin)
            _ = try await rule(client, "/v1/rules", admin, Self.petition, expect: .created)
            _ = try await rule(client, "/v1/rules/petition-measures/revisions", admin, Self.petitionFromJuly, expect: .ok)
            let monitor = try await harness.bearer(.monitor)
            func log(receivedAt: String) async throws -> A.Incident {
                let extra = #","pressRequest":{"kind":"petitionForwarded","receivedAt":"\#(receivedAt)"}"#
                return try #require(try await A.post(client, "/v1/incidents", monitor, A.item(url: nil, extra: extra), expect: .created))
            }
            let june30 = try await log(receivedAt: "2026-06-30T10:00:00+07:00")
            let july3 = try await log(receivedAt: "2026-07-03T10:00:00+07:00")
            let old = try #require(june30.clocks.first { $0.kind == "petitionMeasures" })
            #expect(old.legalBasis == "Luật Báo chí 2016, Điều 39")
            #expect(old.dueAt == Timestamp(rfc3339: "2026-07-30T10:00:00+07:00")!.rfc3339)
            let new = try #require(july3.clocks.first { $0.kind == "petitionMeasures" })
            #expect(new.legalBasis == "Nghị định 237/2026/NĐ-CP, Điều 18")
            #expect(
                new.dueAt == Timestamp(rfc3339: "2026-07-24T10:00:00+07:00")!.rfc3339,
                "15 working days from Friday 3 July, over three weekends")
            #expect(new.status == "running")

            clock.set("2026-07-25T09:00:00+07:00")
            let later = try await A.get(client, july3.id, monitor)
            #expect(later.clocks.first { $0.kind == "petitionMeasures" }?.overdue == true)
            let then = try await A.get(client, july3.id, monitor, asOf: "2026-07-10T00:00:00+07:00")
            #expect(then.clocks.first { $0.kind == "petitionMeasures" }?.status == "running", "clocks as of a past instant")
        }
    }
}
