import Events
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// Share-link dedupe through HTTP: variants of one post from the app, the mobile and basic sites log
/// one incident; Unicode hosts and raw Vietnamese paths are accepted and stored in ASCII.
@Suite struct IncidentsShareLinkDedupeTests {
    typealias A = IncidentAPI

    @Test func fourShareVariantsOfOnePostLogOneIncident() async throws {
        try await APIHarness.with(now: { A.now }) { harness, client in
            try await A.province(harness, client)
            let monitor = try await harness.bearer(.monitor)
            let variants = [
                "https://www.facebook.com/groups/bk/posts/1234567890/?mibextid=oFDknk",
                "https://m.facebook.com/groups/bk/permalink/1234567890/?_rdr&__tn__=%2AH-R",
                "https://mbasic.facebook.com/groups/bk/posts/1234567890?refid=18&is_from_webapp=1&sender_device=pc",
                "HTTPS://WEB.FACEBOOK.COM:443/groups/bk/posts/1234567890/?fbclid=IwAR0&utm_source=zalo&zarsrc=30",
            ]
            var statuses: [HTTPResponse.Status] = []
            var ids: Set<String> = []
            for url in variants {
                try await client.execute(uri: "/v1/incidents", method: .post, headers: monitor, body: A.body(A.item(url: url))) {
                    statuses.append($0.status)
                    if let incident = try? $0.json(A.Incident.self) { ids.insert(incident.id) }
                }
            }
            #expect(statuses == [.created, .ok, .ok, .ok])
            #expect(ids.count == 1)
            let incident = try await A.get(client, try #require(ids.first), monitor)
            #expect(incident.canonicalUrls == ["https://www.facebook.com/groups/bk/posts/1234567890"])
            #expect(incident.sightings.count == 3)
            let logged = try await harness.store.readAll(after: 0, limit: 1000, filter: EventFilter(types: [IncidentLogged.eventType]))
            #expect(logged.events.count == 1)
        }
    }

    @Test func unicodeHostsAndRawVietnameseAreStoredInASCII() async throws {
        try await APIHarness.with(now: { A.now }) { harness, client in
            try await A.province(harness, client)
            let monitor = try await harness.bearer(.monitor)
            let punycode = try #require(
                try await A.post(client, "/v1/incidents", monitor, A.item(url: "https://xn--bcher-kva.example/a"), expect: .created))
            #expect(punycode.canonicalUrls == ["https://xn--bcher-kva.example/a"])
            let unicode = try await A.post(client, "/v1/incidents", monitor, A.item(url: "https://Bücher.example/a/"), expect: .ok)
            #expect(unicode?.id == punycode.id)
            let vietnamese = try #require(
                try await A.post(
                    client, "/v1/incidents", monitor, A.item(url: "https://baochinhphu.vn/đất-đai-102240105.htm"), expect: .created))
            #expect(vietnamese.canonicalUrls == ["https://baochinhphu.vn/%C4%91%E1%BA%A5t-%C4%91ai-102240105.htm"])
            let encoded = try await A.post(
                client, "/v1/incidents", monitor, A.item(url: "HTTPS://BAOCHINHPHU.VN:443/%c4%91%e1%ba%a5t-%c4%91ai-102240105.htm"),
                expect: .ok)
            #expect(encoded?.id == vietnamese.id)
            let (status, problem) = try await A.problem(client, "/v1/incidents", monitor, A.item(url: "https://a.b/x\\u2028"))
            #expect(status == .badRequest && problem.field == "url")
        }
    }

    @Test func theOpenAPIDocumentCarriesTheServersURLPattern() async throws {
        try await APIHarness.with(now: { A.now }) { _, client in
            let patterns = try await client.execute(uri: "/openapi.json", method: .get) { response in
                let document = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
                let schemas = (document?["components"] as? [String: Any])?["schemas"] as? [String: Any] ?? [:]
                return ["LogIncident", "AddSighting", "RecordCorrection"].map { name -> String? in
                    let properties = (schemas[name] as? [String: Any])?["properties"] as? [String: Any]
                    return (properties?["url"] as? [String: Any])?["pattern"] as? String
                }
            }
            #expect(patterns == Array(repeating: URLSyntax.pattern, count: 3))
        }
    }
}
