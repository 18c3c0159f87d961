import Events
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// Every route that returns event data follows one rule (issue 10, item 1): every event keeps its
/// place, type and hashes, but the data of a stream the token may not read is `null` with
/// `redacted: true`. A confidential report's duty stream is readable by exactly those who may read its
/// text at `/v1/reports/{id}`; an incident's stream (and its URL claim) by exactly those whose incident
/// list shows it. Tested for every role against every such route.
@Suite struct EventDisclosureTests {
    typealias A = IncidentAPI

    struct Envelope: Decodable {
        var position: Int64
        var streamId: String
        var type: String
        var data: JSONValue
        var redacted: Bool
        var hash: String
    }
    struct Feed: Decodable { var events: [Envelope] }
    struct State: Decodable { var state: JSONValue; var redacted: Bool; var version: Int64 }
    struct HistoryEntry: Decodable { var type: String; var data: JSONValue; var redacted: Bool }
    struct History: Decodable { var events: [HistoryEntry] }

    /// One token and what it should read: the confidential duty stream, the incident's streams.
    struct Reader: Sendable, CustomStringConvertible {
        var name: String
        var headers: HTTPFields
        var readsDuty: Bool
        var readsIncident: Bool
        var audits: Bool
        var description: String { name }
    }

    static let confidentialFiling = #"""
        {"obligationId":"thang","unitId":"huyen-c","period":"2026-06","summary":"Tình hình nhạy cảm ở huyện C",
         "body":"Nội dung mật","topics":["an ninh"],"confidential":true}
        """#

    /// tinh → so-tttt, huyen-a → xa-b, huyen-c; huyen-c files a confidential report to so-tttt; a monitor
    /// logs an incident concerning xa-b.
    static func world(_ harness: APIHarness, _ client: some TestClientProtocol) async throws -> (duty: String, incident: String) {
        try await A.province(harness, client)
        let admin = try await harness.bearer(.admin)
        let obligation = #"""
            {"id":"thang","title":"Báo cáo dư luận hằng tháng",
             "reporters":{"kinds":["districtCommittee"],"underUnitId":"tinh"},
             "recipientUnitId":"so-tttt","schedule":{"kind":"monthly","dueDay":23},"confidentialAllowed":true,"effectiveFrom":"2026-01"}
            """#
        try await client.execute(uri: "/v1/obligations", method: .post, headers: admin, body: A.body(obligation)) {
            #expect($0.status == .created, "\(String(buffer: $0.body))")
        }
        let officer = try await harness.bearer(.unitOfficer, unit: "huyen-c")
        try await client.execute(uri: "/v1/reports", method: .post, headers: officer, body: A.body(Self.confidentialFiling)) {
            #expect($0.status == .created, "\(String(buffer: $0.body))")
        }
        let monitor = try await harness.bearer(.monitor)
        let incident = try #require(try await A.post(client, "/v1/incidents", monitor, A.item(), expect: .created)?.id)
        return ("duty:thang:huyen-c:2026-06", incident)
    }

    static func readers(_ harness: APIHarness) async throws -> [Reader] {
        func reader(_ name: String, _ role: Role, _ unit: String?, duty: Bool, incident: Bool) async throws -> Reader {
            Reader(
                name: name, headers: try await harness.bearer(role, unit: unit), readsDuty: duty, readsIncident: incident,
                audits: role == .admin || role == .auditor)
        }
        return [
            try await reader("admin", .admin, nil, duty: true, incident: true),
            try await reader("auditor", .auditor, nil, duty: true, incident: true),
            try await reader("monitor", .monitor, nil, duty: false, incident: true),
            try await reader("supervisor of the recipient so-tttt", .supervisor, "so-tttt", duty: true, incident: false),
            try await reader("supervisor of the province tinh", .supervisor, "tinh", duty: false, incident: true),
            try await reader("supervisor of huyen-a", .supervisor, "huyen-a", duty: false, incident: true),
            try await reader("supervisor of the reporter huyen-c", .supervisor, "huyen-c", duty: false, incident: false),
            try await reader("officer of the reporter huyen-c", .unitOfficer, "huyen-c", duty: true, incident: false),
            try await reader("officer of xa-b", .unitOfficer, "xa-b", duty: false, incident: true),
        ]
    }

    /// Whether `reader` should see the data of `stream`.
    static func shows(_ stream: String, to reader: Reader) -> Bool {
        if stream.hasPrefix("duty:") { return reader.readsDuty }
        if stream.hasPrefix(IncidentEvent.streamPrefix) || stream.hasPrefix(IncidentURLClaimed.streamPrefix) {
            return reader.readsIncident
        }
        return true  // units, obligations
    }

    /// Each event is whole or redacted as the rule says, and a redacted one still has its hash.
    static func check(_ events: [Envelope], _ reader: Reader, _ route: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!events.isEmpty, "\(route) for \(reader)", sourceLocation: sourceLocation)
        for event in events {
            let shown = shows(event.streamId, to: reader)
            #expect(event.redacted == !shown, "\(route) for \(reader): \(event.streamId) \(event.type)", sourceLocation: sourceLocation)
            #expect((event.data == .null) == !shown, "\(route) for \(reader): \(event.streamId) data", sourceLocation: sourceLocation)
            #expect(event.hash.count == 64, sourceLocation: sourceLocation)
        }
    }

    @Test func everyRoleReadsEveryEventDataRouteByTheOneRule() async throws {
        try await APIHarness.with(now: { A.now }) { harness, client in
            let (duty, incident) = try await Self.world(harness, client)
            let incidentStream = IncidentEvent.streamPrefix + incident
            let head = try await harness.store.headPosition()
            let readers = try await Self.readers(harness)
            var everyStream: Set<String> = []
            for reader in readers {
                let all = try await client.execute(uri: "/v1/events?limit=1000", method: .get, headers: reader.headers) {
                    #expect($0.status == .ok)
                    return try $0.json(Feed.self).events
                }
                #expect(all.count == Int(head), "every event keeps its place for \(reader)")
                Self.check(all, reader, "/v1/events")
                everyStream.formUnion(all.map(\.streamId))

                for stream in [duty, incidentStream] {
                    let filtered = try await client.execute(uri: "/v1/events?stream=\(stream)", method: .get, headers: reader.headers) {
                        try $0.json(Feed.self).events
                    }
                    Self.check(filtered, reader, "/v1/events?stream=\(stream)")
                    let own = try await client.execute(uri: "/v1/streams/\(stream)/events", method: .get, headers: reader.headers) {
                        try $0.json(Feed.self).events
                    }
                    Self.check(own, reader, "/v1/streams/\(stream)/events")
                    let state = try await client.execute(uri: "/v1/streams/\(stream)/state", method: .get, headers: reader.headers) {
                        #expect($0.status == .ok, "\(String(buffer: $0.body))")
                        return try $0.json(State.self)
                    }
                    let shown = Self.shows(stream, to: reader)
                    #expect(state.redacted == !shown && (state.state == .null) == !shown, "state of \(stream) for \(reader)")
                    #expect(state.version >= 1)
                }

                let sse = try await client.execute(uri: "/v1/events/stream?limit=\(head)", method: .get, headers: reader.headers) {
                    response in
                    try ServerSentEvent.parse(String(buffer: response.body)).events.map {
                        try JSONDecoder().decode(Envelope.self, from: Data($0.data.utf8))
                    }
                }
                #expect(sse.count == Int(head))
                Self.check(sse, reader, "/v1/events/stream")

                let history = try await client.execute(uri: "/v1/incidents/\(incident)/history", method: .get, headers: reader.headers) {
                    try $0.json(History.self).events
                }
                #expect(!history.isEmpty)
                for entry in history {
                    #expect(
                        entry.redacted == !reader.readsIncident && (entry.data == .null) == !reader.readsIncident, "history for \(reader)")
                }

                let actorEvents = "/v1/audit/actors/system/events"
                try await client.execute(uri: actorEvents, method: .get, headers: reader.headers) { response in
                    #expect(response.status == (reader.audits ? .ok : .forbidden), "\(actorEvents) for \(reader)")
                }
            }
            #expect(everyStream.contains(duty) && everyStream.contains(incidentStream))
            #expect(everyStream.contains { $0.hasPrefix(IncidentURLClaimed.streamPrefix) }, "the URL claim is covered too")
        }
    }

    @Test func theReportRouteAndTheFeedAgreeOnWhoReadsConfidentialText() async throws {
        try await APIHarness.with(now: { A.now }) { harness, client in
            let (duty, _) = try await Self.world(harness, client)
            for reader in try await Self.readers(harness) {
                let summary = try await client.execute(uri: "/v1/reports/thang.huyen-c.2026-06", method: .get, headers: reader.headers) {
                    response -> JSONValue? in
                    guard response.status == .ok, case .object(let report) = try response.json(JSONValue.self) else { return nil }
                    return report["summary"]
                }
                let feed = try await client.execute(uri: "/v1/streams/\(duty)/events", method: .get, headers: reader.headers) {
                    try $0.json(Feed.self).events
                }
                let textInReport = summary.map { $0 != .null } ?? false
                #expect(textInReport == reader.readsDuty, "the report's text for \(reader)")
                #expect(feed.allSatisfy { $0.redacted == !textInReport }, "the feed for \(reader) agrees with the report route")
            }
        }
    }
}
