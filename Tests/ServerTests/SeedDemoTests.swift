import EventStore
import Foundation
import LedgerTestSupport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `seed-demo` against the real server: the seeds' province set up through the API, and the
/// compliance table it yields, checked against the schedule the demo follows.
@Suite struct SeedDemoTests {
    struct Table: Decodable {
        struct Row: Decodable {
            var unitId: String
            var status: String
            var bySeconds: Int64?
        }
        var deadline: String
        var rows: [Row]
        func status(_ unit: String) -> String? { rows.first(where: { $0.unitId == unit })?.status }
    }

    @Test func theDemoProvinceGivesTheExpectedComplianceTable() async throws {
        try await TestDatabase.with { database in
            let environment = LedgerProcess.environment(database.url)
            let server = try RunningServer(environment: environment)
            try await server.waitUntilReady()
            let seeded = try await LedgerProcess.run(["seed-demo", "--url", "http://127.0.0.1:\(server.port)/"], environment: environment)
            #expect(seeded.status == 0, "\(seeded.stderr)")
            let line = try #require(seeded.stdout.split(separator: "\n").first { $0.hasPrefix("province supervisor token:") })
            let token = try #require(line.split(separator: " ").first { $0.hasPrefix("olg_") }.map(String.init))

            let (status, body) = try await server.get("/v1/compliance?obligation=thang-dic&period=2024-10", token: token)
            #expect(status == 200, "\(body)")
            let table = try JSONDecoder().decode(Table.self, from: Data(body.utf8))
            #expect(table.deadline == "2024-10-23T00:00:00+07:00")
            // October: received on the 20th or at 23:30 on the 22nd is on time, on the 24th late, never is overdue.
            #expect(table.status("so-tnmt") == "onTime")
            #expect(table.status("huyen-cho-don") == "onTime")
            #expect(table.status("dai-ptth-bk") == "onTime")
            #expect(table.status("so-yte") == "late")
            let lateBy = table.rows.first(where: { $0.unitId == "so-yte" })?.bySeconds
            #expect(lateBy == Int64(34 * 3600), "received 10:00 on the 24th: 34 hours after the deadline")
            #expect(table.status("huyen-ba-be") == "late")
            #expect(table.status("so-gddt") == "overdue")
            #expect(table.status("bao-bac-kan") == "overdue")
            #expect(table.rows.count == 7)

            let (_, september) = try await server.get("/v1/compliance?obligation=thang-dic&period=2024-09", token: token)
            #expect(try JSONDecoder().decode(Table.self, from: Data(september.utf8)).status("huyen-ba-be") == "excused")

            // Running it again changes nothing: every write is idempotent or refused as existing.
            let head = try await database.store().headPosition()
            let again = try await LedgerProcess.run(["seed-demo", "--url", "http://127.0.0.1:\(server.port)/"], environment: environment)
            #expect(again.status == 0, "\(again.stderr)")
            #expect(try await database.store().headPosition() == head)
            #expect(await server.terminate() == 0)
        }
    }
}
