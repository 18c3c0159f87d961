import EventStore
import Events
import Foundation
import LedgerTestSupport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `seed-demo`'s incidents through the real server: each story ends where it should, the served
/// projection shows them (search without diacritics included), and the province's figures count them.
@Suite struct IncidentSummaryDemoTests {
    struct Page: Decodable {
        struct Item: Decodable {
            var incidentId: String
            var title: String
            var status: String
            var overdue: Bool
            var sightings: Int
            var mergedInto: String?
        }
        var incidents: [Item]
        var answeredFrom: String
    }

    struct Summary: Decodable {
        struct Unit: Decodable {
            var unitId: String?
            var inaccurateVerifications: Int
            var correctionsRequested: Int
            var responsesDue: Int
        }
        struct Counts: Decodable { var total: Int }
        var open: Counts
        var units: [Unit]
        var total: Unit
    }

    @Test func theDemoIncidentsReachTheirStatesAndFigures() async throws {
        try await TestDatabase.with { database in
            let environment = LedgerProcess.environment(database.url)
            let server = try RunningServer(environment: environment)
            try await server.waitUntilReady()
            let seeded = try await LedgerProcess.run(["seed-demo", "--url", "http://127.0.0.1:\(server.port)/"], environment: environment)
            #expect(seeded.status == 0, "\(seeded.stderr)")
            let line = try #require(seeded.stdout.split(separator: "\n").first { $0.hasPrefix("province supervisor token:") })
            let token = try #require(line.split(separator: " ").first { $0.hasPrefix("olg_") }.map(String.init))

            // From the log (asOf: now, which the server's clock has reached — a later one is refused), then
            // from the served read model once it has caught up.
            let asOf = Timestamp(Date()).rfc3339
            let (status, body) = try await server.get("/v1/incidents?limit=50&asOf=\(asOf)", token: token)
            #expect(status == 200, "\(body)")
            let fromLog = try JSONDecoder().decode(Page.self, from: Data(body.utf8))
            #expect(fromLog.incidents.count == 8)
            func item(_ prefix: String) -> Page.Item? { fromLog.incidents.first { $0.title.hasPrefix(prefix) } }
            #expect(item("Người dân xã Bằng Lãng")?.status == "resolved")
            #expect(item("Người dân xã Bằng Lãng")?.sightings == 2, "the shared link folded in, and a Facebook post")
            #expect(item("Đường bê tông nông thôn mới")?.status == "open")
            #expect(item("Đường bê tông nông thôn mới")?.overdue == true, "its first-information clock ran out days ago")
            #expect(item("Bắc Kạn: dự án đường tỉnh 258")?.status == "closed")
            #expect(item("Clip lan truyền")?.status == "merged")
            let survivor = try #require(item("Tin đồn phải nộp phí"), "the story the clip was merged into")
            #expect(item("Clip lan truyền")?.mergedInto == survivor.incidentId)
            #expect(fromLog.incidents.filter { $0.status == "open" }.count == 5)

            var live: Page?
            for _ in 0..<100 {
                let (_, text) = try await server.get("/v1/incidents?limit=50", token: token)
                let page = try JSONDecoder().decode(Page.self, from: Data(text.utf8))
                if page.incidents.count == 8 { live = page; break }
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(live?.answeredFrom == "readModel")
            #expect(live?.incidents.map(\.incidentId) == fromLog.incidents.map(\.incidentId))
            let (_, found) = try await server.get("/v1/incidents?q=giai%20phong%20mat%20bang", token: token)
            #expect(try JSONDecoder().decode(Page.self, from: Data(found.utf8)).incidents.count == 2, "both land-clearance stories")

            let (_, figures) = try await server.get("/v1/incidents/summary", token: token)
            let summary = try JSONDecoder().decode(Summary.self, from: Data(figures.utf8))
            #expect(summary.open.total == 5)
            let commune = summary.units.first { $0.unitId == "xa-bang-lang" }
            #expect(commune?.inaccurateVerifications == 1 && commune?.correctionsRequested == 1)
            #expect((summary.units.first { $0.unitId == "huyen-ba-be" }?.responsesDue ?? 0) >= 1)
            #expect(await server.terminate() == 0)
        }
    }
}
