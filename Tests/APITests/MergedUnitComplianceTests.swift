import Events
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// A unit merged mid-year: its past reports keep counting for it in the periods when it existed, and
/// from the merge date on its duties pass to the unit it merged into — for "kinds under a unit"
/// obligations and for obligations that list it by name.
@Suite struct MergedUnitComplianceTests {
    struct Table: Decodable {
        struct Row: Decodable {
            var unitId: String
            var status: String
        }
        var rows: [Row]
        var statuses: [String: String] { Dictionary(uniqueKeysWithValues: rows.map { ($0.unitId, $0.status) }) }
    }
    struct History: Decodable {
        struct Entry: Decodable {
            var obligationId: String
            var period: String
        }
        var entries: [Entry]
    }

    static func body(_ json: String) -> ByteBuffer { ByteBuffer(string: json) }

    @Test func dutiesPassToTheSurvivorFromTheMergeDateAndPastReportsStay() async throws {
        let clock = TestClock("2025-01-02T08:00:00+07:00")
        try await APIHarness.with(now: { clock.now() }) { harness, client in
            let admin = try await harness.bearer(.admin)
            for json in [
                #"{"id":"tinh","name":"UBND tỉnh","kind":"province","effectiveFrom":"2025-01-01"}"#,
                #"{"id":"so-tttt","name":"Sở TT&TT","kind":"provincialDepartment","parentId":"tinh","effectiveFrom":"2025-01-01"}"#,
                #"{"id":"huyen-a","name":"UBND huyện A","kind":"districtCommittee","parentId":"tinh","effectiveFrom":"2025-01-01"}"#,
                #"{"id":"huyen-b","name":"UBND huyện B","kind":"districtCommittee","parentId":"tinh","effectiveFrom":"2025-01-01"}"#,
            ] {
                try await client.execute(uri: "/v1/units", method: .post, headers: admin, body: Self.body(json)) {
                    #expect($0.status == .created, "\(String(buffer: $0.body))")
                }
            }
            for json in [
                #"{"id":"thang","title":"Báo cáo tháng","reporters":{"kinds":["districtCommittee"],"underUnitId":"tinh"},"recipientUnitId":"so-tttt","schedule":{"kind":"monthly","dueDay":23},"effectiveFrom":"2025-01"}"#,
                #"{"id":"rieng-a","title":"Báo cáo riêng huyện A","reporters":{"unitIds":["huyen-a"]},"recipientUnitId":"so-tttt","schedule":{"kind":"monthly","dueDay":23},"effectiveFrom":"2025-01"}"#,
            ] {
                try await client.execute(uri: "/v1/obligations", method: .post, headers: admin, body: Self.body(json)) {
                    #expect($0.status == .created, "\(String(buffer: $0.body))")
                }
            }
            // Huyện A files May and June on time, then merges into huyện B from 1 July.
            let officerA = try await harness.bearer(.unitOfficer, unit: "huyen-a")
            for (period, at) in [("2025-05", "2025-05-20T09:00:00+07:00"), ("2025-06", "2025-06-20T09:00:00+07:00")] {
                clock.set(at)
                for obligation in ["thang", "rieng-a"] {
                    let json = #"{"obligationId":"\#(obligation)","unitId":"huyen-a","period":"\#(period)","summary":"Huyện A \#(period)"}"#
                    try await client.execute(uri: "/v1/reports", method: .post, headers: officerA, body: Self.body(json)) {
                        #expect($0.status == .created, "\(String(buffer: $0.body))")
                    }
                }
            }
            clock.set("2025-06-25T09:00:00+07:00")
            var ifMatch = admin
            ifMatch[.ifMatch] = "\"1\""
            try await client.execute(
                uri: "/v1/units/huyen-a/merge", method: .post, headers: ifMatch,
                body: Self.body(#"{"intoUnitId":"huyen-b","effectiveFrom":"2025-07-01"}"#)
            ) { #expect($0.status == .ok, "\(String(buffer: $0.body))") }

            clock.set("2025-08-01T09:00:00+07:00")
            let auditor = try await harness.bearer(.auditor)
            func table(_ obligation: String, _ period: String) async throws -> [String: String] {
                try await client.execute(uri: "/v1/compliance?obligation=\(obligation)&period=\(period)", method: .get, headers: auditor) {
                    #expect($0.status == .ok, "\(String(buffer: $0.body))")
                    return try $0.json(Table.self).statuses
                }
            }
            #expect(try await table("thang", "2025-06") == ["huyen-a": "onTime", "huyen-b": "overdue"])
            #expect(try await table("thang", "2025-07") == ["huyen-b": "overdue"], "A no longer exists in July")
            #expect(try await table("rieng-a", "2025-06") == ["huyen-a": "onTime"])
            #expect(try await table("rieng-a", "2025-07") == ["huyen-b": "overdue"], "A's listed duty passes to B")

            // A merged unit files nothing new; B files for the duty it inherited.
            let late = #"{"obligationId":"rieng-a","unitId":"huyen-a","period":"2025-07","summary":"muộn"}"#
            try await client.execute(uri: "/v1/reports", method: .post, headers: officerA, body: Self.body(late)) {
                #expect($0.status == .conflict, "\(String(buffer: $0.body))")
            }
            let officerB = try await harness.bearer(.unitOfficer, unit: "huyen-b")
            let inherited = #"{"obligationId":"rieng-a","unitId":"huyen-b","period":"2025-07","summary":"Huyện B thay huyện A"}"#
            try await client.execute(uri: "/v1/reports", method: .post, headers: officerB, body: Self.body(inherited)) {
                #expect($0.status == .created, "\(String(buffer: $0.body))")
            }
            #expect(try await table("rieng-a", "2025-07") == ["huyen-b": "late"])

            // A's history keeps its reports for the months it existed, and nothing after.
            let history = try await client.execute(
                uri: "/v1/compliance/units/huyen-a?from=2025-01-01&to=2025-12-31", method: .get, headers: auditor
            ) {
                #expect($0.status == .ok, "\(String(buffer: $0.body))")
                return try $0.json(History.self)
            }
            let periods = Set(history.entries.map(\.period))
            #expect(periods.contains("2025-05") && periods.contains("2025-06"))
            #expect(!periods.contains("2025-07"), "no duty for A after the merge: \(periods.sorted())")
        }
    }
}
