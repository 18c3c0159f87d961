import Events
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// `atPosition`: every read model answered at a position of the log equals what it answered when the
/// log's head was there — even when later events share the same recorded instant, which `asOf` cannot
/// tell apart — and a position the log has not reached is a 404 naming the parameter (a malformed one a 400).
@Suite struct AtPositionAPITests {
    typealias T = TimeTravelAPITests

    struct Page: Decodable { var head: Int64 }

    /// The log's head, as the feed reports it.
    static func head(_ client: some TestClientProtocol, _ headers: HTTPFields) async throws -> Int64 {
        return try await client.execute(uri: "/v1/events?limit=1", method: .get, headers: headers) { try $0.json(Page.self).head }
    }

    /// A GET's JSON without the members that say how the answer was cut or where it came from.
    static func read(_ client: some TestClientProtocol, _ uri: String, _ headers: HTTPFields) async throws -> NSObject {
        let json = try await T.read(client, uri, headers)
        guard let object = json.mutableCopy() as? NSMutableDictionary else { return json }
        object.removeObject(forKey: "atPosition")
        return object
    }

    @Test func everyReadModelAtAPositionEqualsWhatWasAnsweredWhenTheHeadWasThere() async throws {
        // The clock never moves: every event below is recorded at the same instant.
        let clock = TestClock("2026-07-02T09:00:00+07:00")
        try await APIHarness.with(now: { clock.now() }) { harness, client in
            let seeded = try await T.seedFirstWeek(harness, client)
            let auditor = try await harness.bearer(.auditor)
            let position = try await Self.head(client, auditor)
            let now = "2026-07-02T09:00:00%2B07:00"
            let incident = seeded.incident.id
            let uris = [
                "/v1/units", "/v1/units/huyen-a", "/v1/obligations", "/v1/obligations/thang", "/v1/reports",
                "/v1/reports/thang.huyen-a.2026-06", "/v1/compliance?obligation=thang&period=2026-06",
                "/v1/compliance/summary?under=tinh&period=2026-06", "/v1/compliance/units/huyen-a",
                "/v1/consolidations/thang/2026-06", "/v1/rules", "/v1/rules/first-information", "/v1/incidents/\(incident)",
                "/v1/incidents/\(incident)/history", "/v1/incidents/summary?under=tinh",
            ]
            var then: [String: NSObject] = [:]
            for uri in uris { then[uri] = try await Self.read(client, uri, auditor) }
            let listThen = try await Self.read(client, "/v1/incidents?asOf=\(now)", auditor)

            try await T.writeLaterChanges(
                harness, client, incident: incident, admin: seeded.admin, monitor: seeded.monitor, officerA: seeded.officerA)
            #expect(try await Self.head(client, auditor) > position)

            var sameInstantDiffers = 0
            for uri in uris {
                let separator = uri.contains("?") ? "&" : "?"
                let atPosition = try await Self.read(client, "\(uri)\(separator)atPosition=\(position)", auditor)
                #expect(atPosition == then[uri], "\(uri) at position \(position) differs from what was answered then")
                let both = try await Self.read(client, "\(uri)\(separator)atPosition=\(position)&asOf=\(now)", auditor)
                #expect(both == then[uri], "\(uri) at position \(position) and asOf now differs")
                if try await Self.read(client, "\(uri)\(separator)asOf=\(now)", auditor) != then[uri] { sameInstantDiffers += 1 }
            }
            #expect(try await Self.read(client, "/v1/incidents?atPosition=\(position)", auditor) == listThen)
            #expect(try await Self.read(client, "/v1/incidents?asOf=\(now)", auditor) != listThen)
            #expect(sameInstantDiffers >= 8, "asOf the same instant sees the later events (\(sameInstantDiffers) of \(uris.count))")
        }
    }

    @Test func answersSayWhichPositionAndInstantTheyAreAbout() async throws {
        let clock = TestClock("2026-07-02T09:00:00+07:00")
        try await APIHarness.with(now: { clock.now() }) { harness, client in
            _ = try await T.seedFirstWeek(harness, client)
            let auditor = try await harness.bearer(.auditor)
            let position = try await Self.head(client, auditor)
            clock.set("2026-07-30T09:00:00+07:00")
            struct Cut: Decodable {
                var asOf: String
                var atPosition: Int64?
            }
            for uri in [
                "/v1/compliance?obligation=thang&period=2026-06", "/v1/compliance/summary?under=tinh&period=2026-06",
                "/v1/compliance/units/huyen-a", "/v1/consolidations/thang/2026-06", "/v1/incidents", "/v1/incidents/summary",
            ] {
                let separator = uri.contains("?") ? "&" : "?"
                let cut = try await client.execute(uri: "\(uri)\(separator)atPosition=\(position)", method: .get, headers: auditor) {
                    #expect($0.status == .ok, "\(uri): \(String(buffer: $0.body))")
                    return try $0.json(Cut.self)
                }
                #expect(cut.atPosition == position, "\(uri)")
                // Deadlines are judged when that event was recorded, not today.
                #expect(Timestamp(rfc3339: cut.asOf) == Timestamp(rfc3339: "2026-07-02T09:00:00+07:00"), "\(uri): \(cut.asOf)")
                let now = try await client.execute(uri: uri, method: .get, headers: auditor) { try $0.json(Cut.self) }
                #expect(now.atPosition == nil && Timestamp(rfc3339: now.asOf) == clock.now(), "\(uri)")
            }
        }
    }

    @Test func aPositionTheLogHasNotReachedIsNotFoundAndAMalformedOneIsInvalid() async throws {
        try await APIHarness.with { harness, client in
            try await harness.appendEvents(3, to: "test-1")
            let auditor = try await harness.bearer(.auditor)
            let cases: [(String, HTTPResponse.Status, String)] = [
                ("4", .notFound, "has not reached position 4 yet (its head is 3)"), ("0", .badRequest, "from 1"),
                ("-2", .badRequest, "from 1"), ("x", .badRequest, "integer"),
            ]
            for (value, status, words) in cases {
                for uri in ["/v1/units", "/v1/compliance/units/huyen-a", "/v1/incidents", "/v1/rules/r-1", "/v1/reports"] {
                    try await client.execute(uri: "\(uri)?atPosition=\(value)", method: .get, headers: auditor) { response in
                        #expect(response.status == status, "\(uri)?atPosition=\(value)")
                        let problem = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
                        #expect(problem?["field"] as? String == "atPosition")
                        #expect((problem?["detail"] as? String)?.contains(words) == true, "\(problem?["detail"] ?? "")")
                    }
                }
            }
            try await client.execute(uri: "/v1/units?atPosition=3", method: .get, headers: auditor) { #expect($0.status == .ok) }
        }
    }
}
