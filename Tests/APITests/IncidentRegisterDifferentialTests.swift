import EventStore
import Events
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Projections
import Testing

@testable import API

/// The incident register that the figures and the incident list at a cut read — incidents' states
/// from `incident_versions` at the cut's position, the clock rules inside the cut — equals the
/// register folded from the log (the code it replaced, kept as the oracle), at every position of a
/// history written through the API: incidents logged, seen again, assigned, resolved, reopened,
/// merged and closed.
@Suite struct IncidentRegisterDifferentialTests {
    struct Logged: Decodable { var id: String }

    static func body(_ json: String) -> ByteBuffer { ByteBuffer(string: json) }

    @Test func theRegisterAtEveryPositionIsTheFoldedOne() async throws {
        let clock = TestClock("2026-03-02T09:00:00+07:00")
        try await APIHarness.with(now: { clock.now() }) { harness, client in
            let admin = try await harness.bearer(.admin)
            for json in [
                #"{"id":"tinh","name":"UBND tỉnh","kind":"province","effectiveFrom":"2025-01-01"}"#,
                #"{"id":"huyen-a","name":"UBND huyện A","kind":"districtCommittee","parentId":"tinh","effectiveFrom":"2025-01-01"}"#,
            ] {
                try await client.execute(uri: "/v1/units", method: .post, headers: admin, body: Self.body(json)) {
                    #expect($0.status == .created, "\(String(buffer: $0.body))")
                }
            }
            func post(_ uri: String, _ json: String) async throws -> String {
                try await client.execute(uri: uri, method: .post, headers: admin, body: Self.body(json)) {
                    #expect($0.status.code < 300, "\(uri): \(String(buffer: $0.body))")
                    return String(buffer: $0.body)
                }
            }
            var ids: [String] = []
            for n in 0..<6 {
                clock.set("2026-03-0\(2 + n)T09:00:00+07:00")
                let answer = try await post(
                    "/v1/incidents",
                    #"{"source":"electronicNews","outlet":"Báo Mới","url":"https://baomoi.vn/tin-\#(n).epi","publishedAt":"2026-03-01T08:00:00+07:00","title":"Tin \#(n)","summary":"Người dân phản ánh","topics":["đất đai"],"unitIds":["huyen-a"],"severity":"high","reach":1500,"hotSpot":\#(n % 2 == 0)}"#
                )
                ids.append(try JSONDecoder().decode(Logged.self, from: Data(answer.utf8)).id)
            }
            _ = try await post(
                "/v1/incidents/\(ids[0])/sightings",
                #"{"source":"socialMedia","outlet":"Facebook","publishedAt":"2026-03-02T10:00:00+07:00","title":"Chia sẻ lại"}"#)
            _ = try await post("/v1/incidents/\(ids[1])/assignments", #"{"unitId":"huyen-a","dueAt":"2026-03-10T17:00:00+07:00"}"#)
            _ = try await post("/v1/incidents/\(ids[1])/resolution", #"{"resolution":"Đã giải quyết"}"#)
            _ = try await post("/v1/incidents/\(ids[1])/reopen", #"{"reason":"Còn phản ánh"}"#)
            _ = try await post("/v1/incidents/\(ids[2])/merge", #"{"into":"\#(ids[3])","reason":"trùng"}"#)
            _ = try await post("/v1/incidents/\(ids[4])/resolution", #"{"resolution":"Xong"}"#)
            _ = try await post("/v1/incidents/\(ids[4])/close", "{}")

            let log = try await harness.store.readAll(after: 0, limit: 10_000, filter: .all).events
            let models = ReadModels(client: harness.database.client, logger: harness.database.logger)
            for event in log {
                let cut = ReadCut(upToPosition: event.position, instant: event.recordedAt)
                var folded = IncidentRegister()
                try folded.apply(log.filter { $0.position <= event.position })
                let read = try await IncidentListController.register(store: harness.store, models: models, cut: cut)
                #expect(read.entries == folded.entries, "incidents at \(event.position)")
                #expect(read.rules == folded.rules, "clock rules at \(event.position)")
                #expect(read.rows == folded.rows, "rows at \(event.position)")
                // The figures read only the incidents of the scope that are open or active since the
                // window's start: they equal the figures over every incident, for every window start.
                let at = event.recordedAt
                for scope in [nil, Set(["huyen-a"]), Set(["tinh"])] as [Set<String>?] {
                    for from in log.map(\.recordedAt) + [clock.now()] {
                        let to = Timestamp(microsecondsSinceEpoch: from.microsecondsSinceEpoch + 86_400_000_000)
                        let selected = try await IncidentListController.register(
                            store: harness.store, models: models, cut: cut, selecting: .init(concerning: scope, openOrActiveSince: from))
                        #expect(
                            IncidentFigures.compute(
                                selected.entries.values.map(\.state), rules: read.rules, scope: scope, from: from, to: to, at: at)
                                == IncidentFigures.compute(
                                    folded.entries.values.map(\.state), rules: folded.rules, scope: scope, from: from, to: to, at: at),
                            "figures at \(event.position) from \(from) for \(scope.map { $0.sorted() } ?? [])")
                    }
                }
            }
            #expect(log.count > 15)
        }
    }
}
