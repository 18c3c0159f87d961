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

    /// The `LABEL token: olg_…` lines of the demo's output, by label.
    static func printedTokens(_ output: String) -> [String: String] {
        var tokens: [String: String] = [:]
        for line in output.split(separator: "\n") {
            guard let range = line.range(of: " token:"), let token = line.split(separator: " ").first(where: { $0.hasPrefix("olg_") })
            else { continue }
            tokens[String(line[..<range.lowerBound])] = String(token)
        }
        return tokens
    }

    @Test func theDemoProvinceGivesTheExpectedComplianceTable() async throws {
        try await TestDatabase.with { database in
            let environment = LedgerProcess.environment(database.url)
            let server = try RunningServer(environment: environment)
            try await server.waitUntilReady()
            let tokensFile = FileManager.default.temporaryDirectory.appendingPathComponent("seed-demo-\(UUID().uuidString)/tokens.json")
            defer { try? FileManager.default.removeItem(at: tokensFile.deletingLastPathComponent()) }
            // The URL without its trailing slash: paths and the printed example still go under it.
            let arguments = ["seed-demo", "--url", "http://127.0.0.1:\(server.port)", "--tokens-file", tokensFile.path]
            let seeded = try await LedgerProcess.run(arguments, environment: environment)
            #expect(seeded.status == 0, "\(seeded.stderr)")
            let printed = Self.printedTokens(seeded.stdout)
            #expect(printed.count == 8, "every token the demo made is printed: \(seeded.stdout)")
            #expect(printed["media monitor"] != nil && printed["commune officer"] != nil && printed["health department officer"] != nil)
            #expect(seeded.stdout.contains("http://127.0.0.1:\(server.port)/v1/compliance?"), "\(seeded.stdout)")
            let registry = PostgresTokenRegistry(client: database.client, logger: database.logger)
            let tokenCount = try await registry.list().count
            #expect(tokenCount == 8)
            for (label, token) in printed {
                #expect(try await registry.actor(forBearerToken: token) != nil, "\(label)'s printed token authenticates")
            }
            let mode = try FileManager.default.attributesOfItem(atPath: tokensFile.path)[.posixPermissions] as? Int
            #expect(mode == 0o600, "the tokens file is readable by its owner alone")
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

            // The report list through the real server comes from the reporting-duties read model.
            struct ReportList: Decodable {
                struct Entry: Decodable { var unitId: String }
                var reports: [Entry]
                var answeredFrom: String
            }
            let (listed, listBody) = try await server.get("/v1/reports?obligation=thang-dic&period=2024-10&limit=100", token: token)
            #expect(listed == 200, "\(listBody)")
            let list = try JSONDecoder().decode(ReportList.self, from: Data(listBody.utf8))
            #expect(list.answeredFrom == "readModel", "GET /v1/reports reads reporting_duties, not the log")
            #expect(Set(list.reports.map(\.unitId)) == ["so-tnmt", "huyen-cho-don", "dai-ptth-bk", "so-yte", "huyen-ba-be"])

            let (_, september) = try await server.get("/v1/compliance?obligation=thang-dic&period=2024-09", token: token)
            #expect(try JSONDecoder().decode(Table.self, from: Data(september.utf8)).status("huyen-ba-be") == "excused")

            // Running it again changes nothing: every write is idempotent or refused as existing.
            let head = try await database.store().headPosition()
            let again = try await LedgerProcess.run(arguments, environment: environment)
            #expect(again.status == 0, "\(again.stderr)")
            #expect(try await database.store().headPosition() == head)
            #expect(try await registry.list().count == tokenCount, "a second run mints no token")
            #expect(Self.printedTokens(again.stdout) == printed, "and prints the same ones")
            #expect(again.stdout.contains("none minted"))
            #expect(await server.terminate() == 0)
        }
    }
}
