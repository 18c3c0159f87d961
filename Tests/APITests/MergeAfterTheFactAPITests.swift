import Events
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// A merge recorded after the fact (issue 10, item 5): merging district C into A from a date before
/// reports C already filed would make them count nowhere and show the inherited duty overdue for A —
/// refused with 409 naming the reports; a merge while C still has communes is refused naming them;
/// once the communes are moved (with events) and the merge is dated after C's last filed period falls
/// due, the merge goes through and every filing keeps counting.
@Suite struct MergeAfterTheFactAPITests {
    struct Table: Decodable {
        struct Row: Decodable {
            var unitId: String
            var status: String
        }
        var rows: [Row]
        var statuses: [String: String] { Dictionary(uniqueKeysWithValues: rows.map { ($0.unitId, $0.status) }) }
    }

    static func body(_ json: String) -> ByteBuffer { ByteBuffer(string: json) }

    @Test func aMergeThatWouldUncountFiledReportsOrOrphanCommunesIsRefused() async throws {
        let clock = TestClock("2026-09-20T09:00:00+07:00")
        try await APIHarness.with(now: { clock.now() }) { harness, client in
            let admin = try await harness.bearer(.admin)
            for json in [
                #"{"id":"tinh","name":"UBND tỉnh","kind":"province","effectiveFrom":"2026-01-01"}"#,
                #"{"id":"so-tttt","name":"Sở TT&TT","kind":"provincialDepartment","parentId":"tinh","effectiveFrom":"2026-01-01"}"#,
                #"{"id":"huyen-a","name":"UBND huyện A","kind":"districtCommittee","parentId":"tinh","effectiveFrom":"2026-01-01"}"#,
                #"{"id":"huyen-c","name":"UBND huyện C","kind":"districtCommittee","parentId":"tinh","effectiveFrom":"2026-01-01"}"#,
                #"{"id":"xa-c1","name":"UBND xã C1","kind":"commune","parentId":"huyen-c","effectiveFrom":"2026-01-01"}"#,
            ] {
                try await client.execute(uri: "/v1/units", method: .post, headers: admin, body: Self.body(json)) {
                    #expect($0.status == .created, "\(String(buffer: $0.body))")
                }
            }
            for json in [
                #"{"id":"thang","title":"Báo cáo tháng","reporters":{"kinds":["districtCommittee"],"underUnitId":"tinh"},"recipientUnitId":"so-tttt","schedule":{"kind":"monthly","dueDay":23},"effectiveFrom":"2026-01"}"#,
                #"{"id":"rieng-c","title":"Báo cáo riêng huyện C","reporters":{"unitIds":["huyen-c"]},"recipientUnitId":"so-tttt","schedule":{"kind":"monthly","dueDay":23},"effectiveFrom":"2026-01"}"#,
            ] {
                try await client.execute(uri: "/v1/obligations", method: .post, headers: admin, body: Self.body(json)) {
                    #expect($0.status == .created, "\(String(buffer: $0.body))")
                }
            }
            // Huyện C files September under both obligations, and October's monthly report on 20 October.
            let officerC = try await harness.bearer(.unitOfficer, unit: "huyen-c")
            for (obligation, period, at) in [
                ("thang", "2026-09", "2026-09-20T09:00:00+07:00"), ("rieng-c", "2026-09", "2026-09-20T09:00:00+07:00"),
                ("thang", "2026-10", "2026-10-20T09:00:00+07:00"),
            ] {
                clock.set(at)
                let json = #"{"obligationId":"\#(obligation)","unitId":"huyen-c","period":"\#(period)","summary":"Huyện C \#(period)"}"#
                try await client.execute(uri: "/v1/reports", method: .post, headers: officerC, body: Self.body(json)) {
                    #expect($0.status == .created, "\(String(buffer: $0.body))")
                }
            }
            clock.set("2026-11-10T09:00:00+07:00")
            func merge(_ json: String, version: Int) async throws -> (HTTPResponse.Status, Problem?) {
                var headers = admin
                headers[.ifMatch] = "\"\(version)\""
                return try await client.execute(uri: "/v1/units/huyen-c/merge", method: .post, headers: headers, body: Self.body(json)) {
                    ($0.status, $0.status == .ok ? nil : try $0.json(Problem.self))
                }
            }
            // Communes first: refused while xã C1 is under huyện C.
            let (orphaning, orphanProblem) = try await merge(#"{"intoUnitId":"huyen-a","effectiveFrom":"2026-11-01"}"#, version: 1)
            #expect(orphaning == .conflict)
            #expect(orphanProblem?.detail.contains("xa-c1") == true, "\(orphanProblem?.detail ?? "")")
            var v1 = admin
            v1[.ifMatch] = "\"1\""
            try await client.execute(
                uri: "/v1/units/xa-c1", method: .patch, headers: v1,
                body: Self.body(#"{"parentId":"huyen-a","effectiveFrom":"2026-09-01"}"#)
            ) { #expect($0.status == .ok, "\(String(buffer: $0.body))") }

            // Back-dated to 1 September: September's and October's filings would count nowhere.
            let head = try await harness.store.headPosition()
            let (erasing, problem) = try await merge(#"{"intoUnitId":"huyen-a","effectiveFrom":"2026-09-01"}"#, version: 1)
            #expect(erasing == .conflict)
            #expect(problem?.type == "urn:opinion-ledger:problem:state-conflict")
            #expect(problem?.field == "effectiveFrom")
            for report in ["rieng-c.huyen-c.2026-09", "thang.huyen-c.2026-09", "thang.huyen-c.2026-10"] {
                #expect(problem?.detail.contains(report) == true, "\(report) in \(problem?.detail ?? "")")
            }
            let (october, octoberProblem) = try await merge(#"{"intoUnitId":"huyen-a","effectiveFrom":"2026-10-01"}"#, version: 1)
            #expect(october == .conflict)
            #expect(octoberProblem?.detail.contains("thang.huyen-c.2026-10") == true)
            #expect(octoberProblem?.detail.contains("2026-09") == false, "September falls due before 1 October")
            #expect(try await harness.store.headPosition() == head, "nothing written")

            // After October's deadline: accepted, and every filing still counts for huyện C.
            let (accepted, _) = try await merge(#"{"intoUnitId":"huyen-a","effectiveFrom":"2026-10-24"}"#, version: 1)
            #expect(accepted == .ok)
            let auditor = try await harness.bearer(.auditor)
            for (obligation, period, expected) in [
                ("thang", "2026-09", ["huyen-a": "overdue", "huyen-c": "onTime"]),
                ("thang", "2026-10", ["huyen-a": "overdue", "huyen-c": "onTime"]),
                ("rieng-c", "2026-09", ["huyen-c": "onTime"]),
                ("rieng-c", "2026-11", ["huyen-a": "notDue"]),
            ] {
                let table = try await client.execute(
                    uri: "/v1/compliance?obligation=\(obligation)&period=\(period)", method: .get, headers: auditor
                ) {
                    #expect($0.status == .ok, "\(String(buffer: $0.body))")
                    return try $0.json(Table.self)
                }
                #expect(table.statuses == expected, "\(obligation) \(period)")
            }
            let tree = try await client.execute(uri: "/v1/units/xa-c1?at=2026-11-01", method: .get, headers: auditor) {
                try JSONSerialization.jsonObject(with: Data(buffer: $0.body)) as? [String: Any]
            }
            #expect(tree?["parentId"] as? String == "huyen-a", "the commune sits under the survivor")
        }
    }
}
