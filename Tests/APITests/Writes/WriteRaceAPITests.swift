import Events
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// Writers racing through HTTP on real PostgreSQL: retries with one `Idempotency-Key` sent all at once
/// get the first attempt's answer (same status, same body, one write), and parallel writes without
/// `If-Match` all land instead of answering 412 for the server's own races.
@Suite struct WriteRaceAPITests {
    typealias A = IncidentAPI

    /// Sends `json` to `uri` from `count` clients, one every millisecond or so, so that retries arrive
    /// before, during and after the first attempt's commit; every answer's status and body (members sorted).
    static func race(
        _ client: some TestClientProtocol, _ uri: String, _ headers: HTTPFields, _ json: String, count: Int = 24
    ) async throws -> [(status: HTTPResponse.Status, body: String)] {
        try await withThrowingTaskGroup(of: (status: HTTPResponse.Status, body: String).self) { group in
            for index in 0..<count {
                group.addTask {
                    try await Task.sleep(for: .microseconds(1_500 * index))
                    return try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: json)) {
                        ($0.status, Self.sorted(String(buffer: $0.body)))
                    }
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
    }

    /// The JSON with its members sorted, so that answers compare by content.
    static func sorted(_ json: String) -> String {
        guard let value = try? JSONSerialization.jsonObject(with: Data(json.utf8)),
            let data = try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys])
        else { return json }
        return String(decoding: data, as: UTF8.self)
    }

    static func keyed(_ headers: HTTPFields, _ key: String) -> HTTPFields {
        var headers = headers
        headers[.init("Idempotency-Key")!] = key
        return headers
    }

    static func count(_ harness: APIHarness, _ type: String) async throws -> Int {
        try await harness.store.readAll(after: 0, limit: 10_000, filter: EventFilter(types: [type])).events.count
    }

    @Test func retriesOfAReportSentAtOnceAllGetTheFirstAnswer() async throws {
        try await APIHarness.with(now: { ReportsAPITests.now }) { harness, client in
            try await ReportsAPITests.province(harness, client)
            let officer = Self.keyed(try await harness.bearer(.unitOfficer, unit: "so-yte"), "report-1")
            for round in 0..<3 {
                let answers = try await Self.race(client, "/v1/reports", officer, ReportsAPITests.filing)
                #expect(answers.allSatisfy { $0.status == .created }, "round \(round): \(answers.map { "\($0.status) \($0.body)" })")
                #expect(Set(answers.map(\.body)).count == 1, "round \(round): every answer is the first one's: \(Set(answers.map(\.body)))")
            }
            #expect(try await Self.count(harness, "ReportFiled") == 1)
        }
    }

    @Test func retriesOfAnIncidentLogSentAtOnceAllGetTheFirstAnswer() async throws {
        try await APIHarness.with(now: { A.now }) { harness, client in
            try await A.province(harness, client)
            let monitor = try await harness.bearer(.monitor)
            for (index, url) in ["https://baomoi.vn/a-\(UUID().uuidString).epi", nil].enumerated() {
                let headers = Self.keyed(monitor, "log-\(index)")
                let answers = try await Self.race(client, "/v1/incidents", headers, A.item(url: url, title: "Tin \(index)"))
                #expect(answers.allSatisfy { $0.status == .created }, "\(url ?? "no URL"): \(answers.map { "\($0.status) \($0.body)" })")
                #expect(Set(answers.map(\.body)).count == 1, "\(url ?? "no URL"): every answer is the first one's")
            }
            #expect(try await Self.count(harness, IncidentLogged.eventType) == 2)
            #expect(try await Self.count(harness, "SightingAdded") == 0, "no retry became a sighting")
        }
    }

    @Test func retriesOfAUnitRegistrationSentAtOnceAllGetTheFirstAnswer() async throws {
        try await APIHarness.with(now: { A.now }) { harness, client in
            let admin = Self.keyed(try await harness.bearer(.admin), "unit-1")
            let answers = try await Self.race(
                client, "/v1/units", admin, #"{"id":"tinh","name":"UBND tỉnh","kind":"province","effectiveFrom":"2024-01-01"}"#)
            #expect(answers.allSatisfy { $0.status == .created }, "\(answers.map { "\($0.status) \($0.body)" })")
            #expect(Set(answers.map(\.body)).count == 1, "\(Set(answers.map(\.body)))")
            #expect(try await harness.store.readWholeStream(StreamID("unit-tinh")!).count == 1)
        }
    }

    @Test func parallelSightingsWithoutIfMatchAllLand() async throws {
        try await APIHarness.with(now: { A.now }) { harness, client in
            try await A.province(harness, client)
            let monitor = try await harness.bearer(.monitor)
            let id = try #require(try await A.post(client, "/v1/incidents", monitor, A.item(), expect: .created)?.id)
            let statuses = try await withThrowingTaskGroup(of: [HTTPResponse.Status].self) { group in
                for writer in 0..<16 {
                    group.addTask {
                        var statuses: [HTTPResponse.Status] = []
                        for round in 0..<3 {
                            let sighting =
                                #"{"source":"socialMedia","outlet":"Facebook","url":"https://www.facebook.com/groups/bk/posts/\#(writer)\#(round)/","publishedAt":"2026-07-02T08:00:00+07:00","reach":40}"#
                            let status = try await client.execute(
                                uri: "/v1/incidents/\(id)/sightings", method: .post, headers: monitor, body: ByteBuffer(string: sighting)
                            ) { $0.status }
                            statuses.append(status)
                        }
                        return statuses
                    }
                }
                return try await group.reduce(into: []) { $0 += $1 }
            }
            #expect(statuses.count == 48)
            #expect(statuses.allSatisfy { $0 == .ok }, "\(statuses.filter { $0 != .ok })")
            let sightings = try await A.get(client, id, monitor).sightings
            #expect(sightings.count == 48, "\(sightings.count)")
        }
    }

    @Test func aStaleIfMatchIsStillRefused() async throws {
        try await APIHarness.with(now: { A.now }) { harness, client in
            try await A.province(harness, client)
            let monitor = try await harness.bearer(.monitor)
            let id = try #require(try await A.post(client, "/v1/incidents", monitor, A.item(), expect: .created)?.id)
            let sighting = #"{"source":"socialMedia","outlet":"Facebook","publishedAt":"2026-07-02T08:00:00+07:00"}"#
            try await A.post(client, "/v1/incidents/\(id)/sightings", monitor, sighting, expect: .ok)
            var stale = monitor
            stale[.ifMatch] = "\"1\""
            let (status, problem) = try await A.problem(client, "/v1/incidents/\(id)/sightings", stale, sighting)
            #expect(status == .preconditionFailed && problem.type.hasSuffix("version-conflict"))
        }
    }
}
