import Events
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// Sighting dedupe through HTTP: the same canonical URL (however many writers race), a URL first seen
/// as a sighting, an explicit `duplicateOf`, and merged incidents all lead to one incident.
@Suite struct IncidentsDedupeWriteTests {
    typealias A = IncidentAPI

    @Test func concurrentLogsOfOneURLMakeOneIncident() async throws {
        try await APIHarness.with(now: { A.now }) { harness, client in
            try await A.province(harness, client)
            let monitor = try await harness.bearer(.monitor)
            let results = try await withThrowingTaskGroup(of: (HTTPResponse.Status, String).self) { group in
                for index in 0..<8 {
                    group.addTask {
                        let url = "https://vnexpress.net/dan-buc-xuc-123.html?utm_campaign=c\(index)"
                        return try await client.execute(
                            uri: "/v1/incidents", method: .post, headers: monitor, body: A.body(A.item(url: url))
                        ) {
                            ($0.status, (try? $0.json(A.Incident.self).id) ?? String(buffer: $0.body))
                        }
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(results.filter { $0.0 == .created }.count == 1, "\(results.map(\.0))")
            #expect(results.filter { $0.0 == .ok }.count == 7)
            #expect(Set(results.map(\.1)).count == 1, "every answer names the same incident")
            let incident = try await A.get(client, results[0].1, monitor)
            #expect(incident.sightings.count == 7)
            let logged = try await harness.store.readAll(after: 0, limit: 1000, filter: EventFilter(types: [IncidentLogged.eventType]))
            #expect(logged.events.count == 1)
        }
    }

    @Test func aURLSeenAsASightingAndDuplicateOfLeadToTheSameIncident() async throws {
        try await APIHarness.with(now: { A.now }) { harness, client in
            try await A.province(harness, client)
            let monitor = try await harness.bearer(.monitor)
            let id = try #require(try await A.post(client, "/v1/incidents", monitor, A.item(), expect: .created)?.id)
            let facebook =
                #"{"source":"socialMedia","outlet":"Facebook","url":"https://www.facebook.com/groups/bk/posts/99/","publishedAt":"2026-07-02T08:00:00+07:00","reach":40000}"#
            let seen = try await A.post(client, "/v1/incidents/\(id)/sightings", monitor, facebook, expect: .ok)
            #expect(seen?.canonicalUrls.contains("https://www.facebook.com/groups/bk/posts/99") == true)
            let repost = try await A.post(
                client, "/v1/incidents", monitor, A.item(url: "https://www.facebook.com/groups/bk/posts/99?fbclid=zz"), expect: .ok)
            #expect(repost?.id == id, "a URL first seen as a sighting is known")
            let explicit = try await A.post(
                client, "/v1/incidents", monitor, A.item(url: nil, extra: #","duplicateOf":"\#(id)""#), expect: .ok)
            #expect(explicit?.id == id)
            #expect(explicit?.sightings.count == 3)
            let (status, problem) = try await A.problem(
                client, "/v1/incidents", monitor, A.item(url: nil, extra: #","duplicateOf":"khong-co""#))
            #expect(status == .conflict && problem.field == "duplicateOf")
        }
    }

    @Test func mergedIncidentsPointToTheSurvivor() async throws {
        try await APIHarness.with(now: { A.now }) { harness, client in
            try await A.province(harness, client)
            let monitor = try await harness.bearer(.monitor)
            let survivor = try #require(try await A.post(client, "/v1/incidents", monitor, A.item(), expect: .created)?.id)
            let absorbedURL = "https://thanhnien.vn/bai-khac.htm"
            let absorbed = try #require(try await A.post(client, "/v1/incidents", monitor, A.item(url: absorbedURL), expect: .created)?.id)
            #expect(absorbed != survivor)
            let otherDistrict = try await harness.bearer(.supervisor, unit: "huyen-c")
            let head = try await harness.store.headPosition()
            let (forbidden, _) = try await A.problem(client, "/v1/incidents/\(absorbed)/merge", otherDistrict, #"{"into":"\#(survivor)"}"#)
            #expect(forbidden == .forbidden)
            #expect(try await harness.store.headPosition() == head)
            let district = try await harness.bearer(.supervisor, unit: "huyen-a")
            let merged = try await A.post(
                client, "/v1/incidents/\(absorbed)/merge", district, #"{"into":"\#(survivor)","reason":"Cùng một vụ việc"}"#, expect: .ok)
            #expect(merged?.status == "merged")
            #expect(merged?.mergedInto == survivor)
            let (status, problem) = try await A.problem(client, "/v1/incidents/\(absorbed)/resolution", district, #"{"resolution":"x"}"#)
            #expect(status == .conflict && problem.state == "merged" && problem.detail.contains(survivor))
            let again = try await A.post(client, "/v1/incidents", monitor, A.item(url: absorbedURL), expect: .ok)
            #expect(again?.id == survivor, "a log of the absorbed incident's URL lands on the survivor")
            #expect(try await A.get(client, survivor, monitor).absorbedIds == [absorbed])
        }
    }

    @Test func retriesWithAnIdempotencyKeyGiveTheFirstAnswer() async throws {
        try await APIHarness.with(now: { A.now }) { harness, client in
            try await A.province(harness, client)
            var monitor = try await harness.bearer(.monitor)
            monitor[.idempotencyKey] = "log-1"
            let first = try #require(try await A.post(client, "/v1/incidents", monitor, A.item(url: nil), expect: .created))
            let head = try await harness.store.headPosition()
            let second = try await A.post(client, "/v1/incidents", monitor, A.item(url: nil), expect: .created)
            #expect(second?.id == first.id)
            #expect(try await harness.store.headPosition() == head, "a retry writes nothing")
            var stale = try await harness.bearer(.supervisor, unit: "huyen-a")
            stale[.ifMatch] = "\"7\""
            let (status, problem) = try await A.problem(
                client, "/v1/incidents/\(first.id)/assignments", stale, #"{"unitId":"xa-b","dueAt":"2026-07-03T10:00:00+07:00"}"#)
            #expect(status == .preconditionFailed && problem.field == "If-Match")
            #expect(try await harness.store.headPosition() == head)
        }
    }
}

extension HTTPField.Name {
    fileprivate static let idempotencyKey = HTTPField.Name("Idempotency-Key")!
}
