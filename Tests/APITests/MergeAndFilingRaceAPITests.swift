import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// A unit merge and a report filing for that unit, racing (issue 11, item 2): each decides on what
/// it read (the filing on the unit tree and the obligations, the merge on the unit's duty streams),
/// and its append commits only if none of that changed meanwhile (`AppendCondition`), else it is
/// decided again on fresh state. So they never both succeed: a filing accepted for a unit already
/// merged at the report's due date, or a merge that leaves a filing it would have refused to hand on.
@Suite struct MergeAndFilingRaceAPITests {
    static func body(_ json: String) -> ByteBuffer { ByteBuffer(string: json) }

    @Test func aMergeAndAFilingForTheSameUnitNeverBothSucceed() async throws {
        let clock = TestClock("2026-09-20T09:00:00+07:00")
        try await APIHarness.with(now: { clock.now() }) { harness, client in
            let admin = try await harness.bearer(.admin)
            let districts = (1...24).map { "huyen-\($0)" }
            var units = [
                #"{"id":"tinh","name":"UBND tỉnh","kind":"province","effectiveFrom":"2026-01-01"}"#,
                #"{"id":"so-tttt","name":"Sở TT&TT","kind":"provincialDepartment","parentId":"tinh","effectiveFrom":"2026-01-01"}"#,
                #"{"id":"huyen-0","name":"UBND huyện 0","kind":"districtCommittee","parentId":"tinh","effectiveFrom":"2026-01-01"}"#,
            ]
            units += districts.map {
                #"{"id":"\#($0)","name":"UBND \#($0)","kind":"districtCommittee","parentId":"tinh","effectiveFrom":"2026-01-01"}"#
            }
            for json in units {
                try await client.execute(uri: "/v1/units", method: .post, headers: admin, body: Self.body(json)) {
                    #expect($0.status == .created, "\(String(buffer: $0.body))")
                }
            }
            let obligation =
                #"{"id":"thang","title":"Báo cáo tháng","reporters":{"kinds":["districtCommittee"],"underUnitId":"tinh"},"recipientUnitId":"so-tttt","schedule":{"kind":"monthly","dueDay":23},"effectiveFrom":"2026-01"}"#
            try await client.execute(uri: "/v1/obligations", method: .post, headers: admin, body: Self.body(obligation)) {
                #expect($0.status == .created, "\(String(buffer: $0.body))")
            }
            var officers: [String: HTTPFields] = [:]
            for district in districts { officers[district] = try await harness.bearer(.unitOfficer, unit: district) }
            var headers = admin
            headers[.ifMatch] = "\"1\""
            let mergeHeaders = headers

            // For each district at once: September's report (due 23 September) and a merge into huyện 0
            // from 1 September, so whichever lands second must be refused.
            let outcomes = try await withThrowingTaskGroup(of: (String, HTTPResponse.Status, HTTPResponse.Status).self) { group in
                for district in districts {
                    let officer = officers[district]!
                    group.addTask {
                        async let filed = client.execute(
                            uri: "/v1/reports", method: .post, headers: officer,
                            body: Self.body(#"{"obligationId":"thang","unitId":"\#(district)","period":"2026-09","summary":"Báo cáo"}"#)
                        ) { $0.status }
                        async let merged = client.execute(
                            uri: "/v1/units/\(district)/merge", method: .post, headers: mergeHeaders,
                            body: Self.body(#"{"intoUnitId":"huyen-0","effectiveFrom":"2026-09-01"}"#)
                        ) { $0.status }
                        return (district, try await filed, try await merged)
                    }
                }
                var outcomes: [(String, HTTPResponse.Status, HTTPResponse.Status)] = []
                for try await outcome in group { outcomes.append(outcome) }
                return outcomes
            }
            var filings = 0
            var merges = 0
            for (district, filed, merged) in outcomes {
                #expect(!(filed == .created && merged == .ok), "\(district): the filing and the merge both succeeded")
                #expect(filed == .created || merged == .ok, "\(district): neither succeeded (\(filed), \(merged))")
                #expect([.created, .conflict, .unprocessableContent, .forbidden].contains(filed), "\(district): filing answered \(filed)")
                #expect([.ok, .conflict].contains(merged), "\(district): merge answered \(merged)")
                if filed == .created { filings += 1 }
                if merged == .ok { merges += 1 }
            }
            print("merge and filing race over \(districts.count) districts: \(filings) filings won, \(merges) merges won")

            // What the log now says agrees: a district merged from 1 September has no September report.
            for (district, _, merged) in outcomes where merged == .ok {
                try await client.execute(uri: "/v1/reports/thang.\(district).2026-09", method: .get, headers: admin) {
                    #expect($0.status == .notFound, "\(district) was merged, yet its September report exists")
                }
            }
        }
    }
}
