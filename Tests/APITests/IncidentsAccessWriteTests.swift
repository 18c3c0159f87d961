import Events
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// Who may do what with incidents: each refused call answers 403 and writes nothing; bad input is a
/// 400 naming the field.
@Suite struct IncidentsAccessWriteTests {
    typealias A = IncidentAPI

    @Test func forbiddenCallsWriteNothing() async throws {
        try await APIHarness.with(now: { A.now }) { harness, client in
            try await A.province(harness, client)
            let monitor = try await harness.bearer(.monitor)
            let auditor = try await harness.bearer(.auditor)
            let officer = try await harness.bearer(.unitOfficer, unit: "xa-b")
            let head0 = try await harness.store.headPosition()
            for token in [auditor, officer, try await harness.bearer(.supervisor, unit: "tinh")] {
                let (status, _) = try await A.problem(client, "/v1/incidents", token, A.item())
                #expect(status == .forbidden)
            }
            #expect(try await harness.store.headPosition() == head0, "no claim, no incident")

            let id = try #require(try await A.post(client, "/v1/incidents", monitor, A.item(), expect: .created)?.id)
            let district = try await harness.bearer(.supervisor, unit: "huyen-a")
            let otherDistrict = try await harness.bearer(.supervisor, unit: "huyen-c")
            let otherCommune = try await harness.bearer(.unitOfficer, unit: "huyen-c")
            let assign = #"{"unitId":"xa-b","dueAt":"2026-07-03T10:00:00+07:00"}"#
            let refusals: [(HTTPFields, String, String)] = [
                (otherDistrict, "assignments", assign),
                (monitor, "assignments", assign),
                (officer, "assignments", assign),
                (auditor, "resolution", #"{"resolution":"x"}"#),
                (district, "assignments", #"{"unitId":"huyen-c","dueAt":"2026-07-03T10:00:00+07:00"}"#),
            ]
            let head1 = try await harness.store.headPosition()
            for (token, step, json) in refusals {
                let (status, problem) = try await A.problem(client, "/v1/incidents/\(id)/\(step)", token, json)
                #expect(status == .forbidden, "\(step): \(problem.detail)")
                #expect(problem.type == "urn:opinion-ledger:problem:forbidden")
            }
            #expect(try await harness.store.headPosition() == head1)

            try await A.post(client, "/v1/incidents/\(id)/assignments", district, assign, expect: .ok)
            let head2 = try await harness.store.headPosition()
            let verify = #"{"outcome":"inaccurate","findings":"Sai sự thật"}"#
            for token in [otherCommune, district, monitor, auditor] {
                let (status, _) = try await A.problem(client, "/v1/incidents/\(id)/verification", token, verify)
                #expect(status == .forbidden)
            }
            let (status, _) = try await A.problem(
                client, "/v1/incidents/\(id)/sightings", officer,
                #"{"source":"press","outlet":"Báo","publishedAt":"2026-07-02T08:00:00+07:00"}"#)
            #expect(status == .forbidden)
            #expect(try await harness.store.headPosition() == head2)

            let province = try await harness.bearer(.supervisor, unit: "tinh")
            try await A.post(client, "/v1/incidents/\(id)/verification", officer, verify, expect: .ok)
            try await A.post(client, "/v1/incidents/\(id)/escalations", province, #"{"reason":"Vượt thẩm quyền cấp xã"}"#, expect: .ok)
            let (after, _) = try await A.problem(
                client, "/v1/incidents/\(id)/responses", officer, #"{"kind":"rebuttal","channel":"x","content":"y"}"#)
            #expect(after == .forbidden, "after escalation to the district the commune no longer answers")
            let districtOfficer = try await harness.bearer(.unitOfficer, unit: "huyen-a")
            try await A.post(
                client, "/v1/incidents/\(id)/responses", districtOfficer,
                #"{"kind":"rebuttal","channel":"Cổng TTĐT","content":"Thông tin chính thức"}"#, expect: .ok)
        }
    }

    @Test func badInputIsA400NamingTheField() async throws {
        try await APIHarness.with(now: { A.now }) { harness, client in
            try await A.province(harness, client)
            let monitor = try await harness.bearer(.monitor)
            let cases: [(String, String)] = [
                (A.item(title: " \u{3000} "), "title"),
                (A.item(url: "javascript:alert(1)"), "url"),
                (A.item(unit: "KHONG HOP LE"), "unitIds[0]"),
                (A.item().replacingOccurrences(of: "2026-07-02T07:30:00+07:00", with: "hôm qua"), "publishedAt"),
                (A.item().replacingOccurrences(of: #""severity":"high""#, with: #""severity":"extreme""#), "severity"),
            ]
            for (json, field) in cases {
                let (status, problem) = try await A.problem(client, "/v1/incidents", monitor, json)
                #expect(status == .badRequest, "\(field): \(problem.detail)")
                #expect(problem.field == field)
            }
            let head = try await harness.store.headPosition()
            let (status, problem) = try await A.problem(client, "/v1/incidents", monitor, A.item(unit: "khong-co"))
            #expect(status == .conflict && problem.type == "urn:opinion-ledger:problem:invalid-reference" && problem.field == "unitIds[0]")
            #expect(try await harness.store.headPosition() == head, "a refused log leaves no URL claim behind")
            try await client.execute(uri: "/v1/incidents/khong-co", method: .get, headers: monitor) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/v1/incidents/KHONG_CO/history", method: .get, headers: monitor) {
                #expect($0.status == .badRequest)
            }
        }
    }
}
