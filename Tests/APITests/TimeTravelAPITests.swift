import Events
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// Time travel agrees with what was answered at the time: every read model captured at an instant T1
/// (the unit tree, a unit, obligations, compliance, clock rules, an incident, the incident list) is
/// answered identically later with `asOf=T1`, after renames, revisions, reports, rule changes and
/// incident steps have been written — and the later writes did change today's answers.
@Suite struct TimeTravelAPITests {
    typealias A = IncidentAPI

    /// The JSON of a GET, with the one member that says where an answer came from (read model or
    /// events) removed, as a comparable value.
    static func read(_ client: some TestClientProtocol, _ uri: String, _ headers: HTTPFields) async throws -> NSObject {
        try await client.execute(uri: uri, method: .get, headers: headers) { response in
            #expect(response.status == .ok, "\(uri): \(String(buffer: response.body))")
            var json = try JSONSerialization.jsonObject(with: Data(buffer: response.body))
            if var object = json as? [String: Any] {
                object["answeredFrom"] = nil
                json = object
            }
            return json as! NSObject
        }
    }

    @Test func everyReadModelAsOfAPastInstantEqualsWhatWasAnsweredThen() async throws {
        let clock = TestClock("2026-07-02T09:00:00+07:00")
        try await APIHarness.with(now: { clock.now() }) { harness, client in
            let seeded = try await Self.seedFirstWeek(harness, client)
            let incident = seeded.incident
            let (admin, monitor, officerA) = (seeded.admin, seeded.monitor, seeded.officerA)
            // T1: what every read model answers now.
            clock.set("2026-07-10T09:00:00+07:00")
            let t1 = "2026-07-10T09:00:00%2B07:00"
            let auditor = try await harness.bearer(.auditor)
            let uris = [
                "/v1/units", "/v1/units/huyen-a", "/v1/obligations", "/v1/obligations/thang",
                "/v1/compliance?obligation=thang&period=2026-06", "/v1/compliance?obligation=thang&period=2026-07",
                "/v1/compliance/summary?under=tinh&period=2026-07", "/v1/rules", "/v1/incidents/\(incident.id)",
            ]
            var then: [String: NSObject] = [:]
            for uri in uris { then[uri] = try await Self.read(client, uri, auditor) }
            let listThen = try await Self.read(client, "/v1/incidents?asOf=\(t1)", auditor)

            // Later: a rename, an obligation revision, a report, a rule revision and incident steps.
            clock.set("2026-07-20T09:00:00+07:00")
            try await Self.writeLaterChanges(harness, client, incident: incident.id, admin: admin, monitor: monitor, officerA: officerA)

            clock.set("2026-08-01T09:00:00+07:00")
            var changed = 0
            for uri in uris {
                let separator = uri.contains("?") ? "&" : "?"
                let asOf = try await Self.read(client, "\(uri)\(separator)asOf=\(t1)", auditor)
                #expect(asOf == then[uri], "\(uri) as of T1 differs from what was answered at T1")
                if try await Self.read(client, uri, auditor) != then[uri] { changed += 1 }
            }
            #expect(try await Self.read(client, "/v1/incidents?asOf=\(t1)", auditor) == listThen)
            #expect(try await Self.read(client, "/v1/incidents?asOf=2026-08-01T09:00:00%2B07:00", auditor) != listThen)
            #expect(changed >= 7, "the later writes changed most answers of today (\(changed) of \(uris.count))")
        }
    }

    /// The tokens and the incident the first week's writes made.
    struct Seeded {
        var incident: IncidentAPI.Incident
        var admin: HTTPFields
        var monitor: HTTPFields
        var officerA: HTTPFields
    }

    /// A province with units, a monthly obligation, a clock rule, an incident and Huyện A's June report.
    static func seedFirstWeek(_ harness: APIHarness, _ client: some TestClientProtocol) async throws -> Seeded {
        try await A.province(harness, client)
        let admin = try await harness.bearer(.admin)
        let obligation = #"""
            {"id":"thang","title":"Báo cáo tháng","reporters":{"kinds":["districtCommittee"],"underUnitId":"tinh"},
             "recipientUnitId":"so-tttt","schedule":{"kind":"monthly","dueDay":23},"effectiveFrom":"2026-01"}
            """#
        try await client.execute(uri: "/v1/obligations", method: .post, headers: admin, body: A.body(obligation)) {
            #expect($0.status == .created, "\(String(buffer: $0.body))")
        }
        let rule = #"""
            {"id":"first-information","clock":"firstInformation","effectiveFrom":"2017-01-01",
             "allowance":{"amount":24,"unit":"hours"},"legalBasis":"Nghị định 09/2017, Điều 6 khoản 3"}
            """#
        try await client.execute(uri: "/v1/rules", method: .post, headers: admin, body: A.body(rule)) {
            #expect($0.status == .created, "\(String(buffer: $0.body))")
        }
        let monitor = try await harness.bearer(.monitor, unit: "so-tttt")
        let incident = try #require(try await A.post(client, "/v1/incidents", monitor, A.item(), expect: .created))
        let officerA = try await harness.bearer(.unitOfficer, unit: "huyen-a")
        try await client.execute(
            uri: "/v1/reports", method: .post, headers: officerA,
            body: A.body(#"{"obligationId":"thang","unitId":"huyen-a","period":"2026-06","summary":"Huyện A tháng 6"}"#)
        ) { #expect($0.status == .created, "\(String(buffer: $0.body))") }

        return Seeded(incident: incident, admin: admin, monitor: monitor, officerA: officerA)
    }

    /// A rename, an obligation revision, a report, a rule revision, an assignment and a second incident.
    static func writeLaterChanges(
        _ harness: APIHarness, _ client: some TestClientProtocol, incident: String, admin: HTTPFields, monitor: HTTPFields,
        officerA: HTTPFields
    ) async throws {
        var ifMatch = admin
        ifMatch[.ifMatch] = "\"1\""
        try await client.execute(
            uri: "/v1/units/huyen-a", method: .patch, headers: ifMatch,
            body: A.body(#"{"name":"UBND huyện A mới","effectiveFrom":"2026-07-15"}"#)
        ) { #expect($0.status == .ok, "\(String(buffer: $0.body))") }
        try await client.execute(
            uri: "/v1/obligations/thang/revisions", method: .post, headers: ifMatch,
            body: A.body(
                #"{"effectiveFrom":"2026-08","title":"Báo cáo tháng (sửa đổi)","reporters":{"kinds":["districtCommittee"],"underUnitId":"tinh"},"recipientUnitId":"so-tttt","schedule":{"kind":"monthly","dueDay":20}}"#
            )
        ) { #expect($0.status == .ok, "\(String(buffer: $0.body))") }
        try await client.execute(
            uri: "/v1/reports", method: .post, headers: officerA,
            body: A.body(#"{"obligationId":"thang","unitId":"huyen-a","period":"2026-07","summary":"Huyện A tháng 7"}"#)
        ) { #expect($0.status == .created, "\(String(buffer: $0.body))") }
        try await client.execute(
            uri: "/v1/rules/first-information/revisions", method: .post, headers: admin,
            body: A.body(
                #"{"effectiveFrom":"2026-08-01","allowance":{"amount":12,"unit":"hours"},"legalBasis":"Nghị định 244/2026, Điều 7"}"#)
        ) { #expect($0.status == .ok, "\(String(buffer: $0.body))") }
        let supervisor = try await harness.bearer(.supervisor, unit: "tinh")
        try await A.post(
            client, "/v1/incidents/\(incident)/assignments", supervisor,
            #"{"unitId":"xa-b","dueAt":"2026-07-25T17:00:00+07:00"}"#, expect: .ok)
        try await A.post(
            client, "/v1/incidents", monitor, A.item(url: "https://vnexpress.net/mot-tin-khac", title: "Một tin khác"), expect: .created
        )

    }
}
