import EventStore
import Events
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Projections
import Testing

@testable import API

/// Compliance answers from the read models equal compliance answers from a fold of the log (the
/// code the read models replaced, kept here as the oracle), at every position of a history written
/// through the API: units registered, renamed, moved and merged; an obligation defined and revised;
/// reports filed on time and late, amended, returned, re-submitted, accepted, excused and received on
/// paper. Each cut is compared for the whole table of every period, under a district, and for a
/// unit's history scope.
@Suite struct ComplianceDifferentialTests {
    static func body(_ json: String) -> ByteBuffer { ByteBuffer(string: json) }

    @Test func theReadModelsAnswerWhatTheFoldAnswersAtEveryPosition() async throws {
        let clock = TestClock("2026-01-05T09:00:00+07:00")
        try await APIHarness.with(now: { clock.now() }) { harness, client in
            let admin = try await harness.bearer(.admin)
            let recipient = try await harness.bearer(.supervisor, unit: "so-tttt")
            func send(_ method: HTTPRequest.Method, _ uri: String, _ json: String, _ headers: HTTPFields, expect: HTTPResponse.Status)
                async throws
            {
                try await client.execute(uri: uri, method: method, headers: headers, body: Self.body(json)) {
                    #expect($0.status == expect, "\(method) \(uri): \(String(buffer: $0.body))")
                }
            }
            try await send(
                .post, "/v1/units", #"{"id":"tinh","name":"UBND tỉnh","kind":"province","effectiveFrom":"2025-01-01"}"#, admin,
                expect: .created)
            try await send(
                .post, "/v1/units",
                #"{"id":"so-tttt","name":"Sở TT&TT","kind":"provincialDepartment","parentId":"tinh","effectiveFrom":"2025-01-01"}"#,
                admin, expect: .created)
            let districts = ["huyen-a", "huyen-b", "huyen-c", "huyen-d"]
            for district in districts {
                try await send(
                    .post, "/v1/units",
                    #"{"id":"\#(district)","name":"UBND \#(district)","kind":"districtCommittee","parentId":"tinh","effectiveFrom":"2025-01-01"}"#,
                    admin, expect: .created)
            }
            try await send(
                .post, "/v1/units", #"{"id":"xa-1","name":"UBND xã 1","kind":"commune","parentId":"huyen-a","effectiveFrom":"2025-01-01"}"#,
                admin, expect: .created)
            try await send(
                .post, "/v1/obligations",
                #"{"id":"thang","title":"Báo cáo tháng","reporters":{"kinds":["districtCommittee"],"underUnitId":"tinh"},"recipientUnitId":"so-tttt","schedule":{"kind":"monthly","dueDay":23},"effectiveFrom":"2025-12"}"#,
                admin, expect: .created)
            var officers: [String: HTTPFields] = [:]
            for district in districts { officers[district] = try await harness.bearer(.unitOfficer, unit: district) }

            // December 2025 to March 2026, a month at a time.
            for (month, period) in ["2025-12", "2026-01", "2026-02", "2026-03"].enumerated() {
                let next = ["2026-01", "2026-02", "2026-03", "2026-04"][month]
                clock.set("\(period)-20T09:00:00+07:00")
                try await send(
                    .post, "/v1/reports", #"{"obligationId":"thang","unitId":"huyen-a","period":"\#(period)","summary":"A \#(period)"}"#,
                    officers["huyen-a"]!, expect: .created)
                if month != 2 {
                    try await send(
                        .post, "/v1/reports/thang.huyen-a.\(period)/amendments", #"{"summary":"A sửa \#(period)"}"#, officers["huyen-a"]!,
                        expect: .ok)
                }
                if month < 3 {
                    clock.set("\(period)-22T09:00:00+07:00")
                    try await send(
                        .post, "/v1/reports",
                        #"{"obligationId":"thang","unitId":"huyen-b","period":"\#(period)","summary":"B \#(period)"}"#,
                        officers["huyen-b"]!, expect: .created)
                    try await send(
                        .post, "/v1/reports/thang.huyen-b.\(period)/return", #"{"reason":"thiếu số liệu"}"#, recipient, expect: .ok)
                    try await send(
                        .post, "/v1/reports/thang.huyen-b.\(period)/resubmissions", #"{"summary":"B gửi lại"}"#, officers["huyen-b"]!,
                        expect: .ok)
                    try await send(.post, "/v1/reports/thang.huyen-b.\(period)/accept", "{}", recipient, expect: .ok)
                }
                // Huyện C files late, on paper, recorded by an admin; huyện D is excused once.
                clock.set("\(next)-02T09:00:00+07:00")
                try await send(
                    .post, "/v1/reports",
                    #"{"obligationId":"thang","unitId":"huyen-c","period":"\#(period)","summary":"C \#(period)","receivedAt":"\#(next)-01T08:00:00+07:00"}"#,
                    admin, expect: .created)
                if month == 1 {
                    try await send(
                        .post, "/v1/obligations/thang/excusals", #"{"unitId":"huyen-d","period":"\#(period)","reason":"bão lũ"}"#,
                        recipient, expect: .created)
                }
            }
            // The tree changes: a rename, a commune moved, huyện D merged (it filed nothing it would hand on).
            clock.set("2026-04-10T09:00:00+07:00")
            var v1 = admin
            v1[.ifMatch] = "\"1\""
            try await send(.patch, "/v1/units/huyen-a", #"{"name":"UBND thị xã A","effectiveFrom":"2026-02-01"}"#, v1, expect: .ok)
            try await send(.patch, "/v1/units/xa-1", #"{"parentId":"huyen-b","effectiveFrom":"2026-03-01"}"#, v1, expect: .ok)
            try await send(.post, "/v1/units/huyen-d/merge", #"{"intoUnitId":"huyen-b","effectiveFrom":"2026-03-01"}"#, v1, expect: .ok)

            let log = try await harness.store.readAll(after: 0, limit: 10_000, filter: .all).events
            let periods = try ["2025-12", "2026-01", "2026-02", "2026-03"].map { try Period(parsing: $0) }
            let models = ReadModels(client: harness.database.client, logger: harness.database.logger)
            var compared = 0
            for event in log {
                let cut = ReadCut(upToPosition: event.position, instant: event.recordedAt)
                let inside = log.filter { $0.position <= event.position }
                var catalog = ObligationCatalog()
                try catalog.apply(inside)
                var directory = UnitDirectory()
                try directory.apply(inside)
                var records: [ReportingDuty: DutyRecord] = [:]
                try DutyRecord.fold(inside, into: &records)
                let folded = ComplianceSnapshot(
                    asOf: event.recordedAt, atPosition: event.position, catalog: catalog, directory: directory, records: records)
                for scope in [ComplianceSnapshot.DutyScope.periods(periods, obligations: nil), .subtree("huyen-b")] {
                    let read = try await ComplianceSnapshot.load(
                        store: harness.store, models: models, scope: scope, cut: cut, now: clock.now())
                    #expect(read.catalog == folded.catalog, "obligations at \(event.position)")
                    #expect(read.directory == folded.directory, "units at \(event.position)")
                    for period in periods {
                        for under in [nil, "huyen-b"] as [String?] {
                            if case .subtree = scope, under == nil { continue }
                            let fromModels = try? read.table(obligationId: "thang", period: period, under: under)
                            let fromFold = try? folded.table(obligationId: "thang", period: period, under: under)
                            #expect(fromModels?.rows == fromFold?.rows, "rows of \(period) under \(under ?? "all") at \(event.position)")
                            #expect(fromModels?.deadline == fromFold?.deadline)
                            compared += 1
                        }
                    }
                }
            }
            #expect(compared > 300)
            print("compliance from the read models equals the fold at \(log.count) positions (\(compared) tables)")
        }
    }
}
