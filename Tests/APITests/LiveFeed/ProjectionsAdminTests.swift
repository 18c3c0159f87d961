import API
import Events
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LedgerTestSupport
import Projections
import Testing

/// `/v1/admin/projections`: status with lag for admins, and a rebuild that answers 202 and runs.
@Suite struct ProjectionsAdminTests {
    struct Status: Decodable {
        var name: String
        var state: String
        var checkpoint: Int64
        var head: Int64
        var lagEvents: Int64
        var lagSeconds: Double
        var error: String?
        var rebuildPercent: Int?
        var rebuild: Rebuild?
    }
    struct Rebuild: Decodable {
        var phase: String
        var position: Int64
        var target: Int64
    }
    struct List: Decodable { var projections: [Status] }

    @Test func adminsSeeEachProjectionsCheckpointLagAndState() async throws {
        try await LiveHarness.with { harness, _, client in
            let admin = try await harness.bearer(.admin)
            try await harness.appendEvents(4, to: "unit-a")
            try await harness.database.client.query(
                "INSERT INTO projection_checkpoints (name, position, last_error) VALUES ('open-incidents', 1, 'page 2 broke')")
            let list = try await client.execute(uri: "/v1/admin/projections", method: .get, headers: admin) { response in
                #expect(response.status == .ok)
                return try response.json(List.self)
            }
            let duties = try #require(list.projections.first)
            #expect(list.projections.map(\.name) == ["open-incidents"])
            #expect(duties.checkpoint == 1)
            #expect(duties.head == 4)
            #expect(duties.lagEvents == 3)
            #expect(duties.lagSeconds >= 0)
            #expect(duties.state == "failed")
            #expect(duties.error == "page 2 broke")
        }
    }

    @Test func onlyAdminsMaySeeOrRebuild() async throws {
        try await LiveHarness.with { harness, _, client in
            let auditor = try await harness.bearer(.auditor)
            try await client.execute(uri: "/v1/admin/projections", method: .get, headers: auditor) { response in
                #expect(response.status == .forbidden)
            }
            try await client.execute(uri: "/v1/admin/projections/open-incidents/rebuild", method: .post, headers: auditor) { response in
                #expect(response.status == .forbidden)
            }
            let rebuilds = try await harness.database.client.query("SELECT count(*)::bigint FROM projection_rebuilds")
            for try await count in rebuilds.decode(Int64.self) { #expect(count == 0, "nothing started") }
        }
    }

    @Test func aRebuildAnswers202ThenCompletes() async throws {
        try await LiveHarness.with { harness, _, client in
            let admin = try await harness.bearer(.admin)
            try await harness.appendEvents(3, to: "unit-a")
            let started = try await client.execute(
                uri: "/v1/admin/projections/open-incidents/rebuild", method: .post, headers: admin
            ) { response in
                #expect(response.status == .accepted)
                return try response.json(Status.self)
            }
            #expect(started.name == "open-incidents")
            #expect(started.rebuild?.target == 3)
            var phase = started.rebuild?.phase
            for _ in 0..<100 where phase != "completed" {
                try await Task.sleep(for: .milliseconds(50))
                let list = try await client.execute(uri: "/v1/admin/projections", method: .get, headers: admin) { try $0.json(List.self) }
                phase = list.projections.first?.rebuild?.phase
            }
            #expect(phase == "completed")
            let list = try await client.execute(uri: "/v1/admin/projections", method: .get, headers: admin) { try $0.json(List.self) }
            #expect(list.projections.first?.checkpoint == 3, "the swap moved the checkpoint to where the copy stands")
            #expect(list.projections.first?.state == "running")
        }
    }

    @Test func unknownNamesAre404AndMalformedOnes400() async throws {
        try await LiveHarness.with { harness, _, client in
            let admin = try await harness.bearer(.admin)
            try await client.execute(uri: "/v1/admin/projections/nothing-here/rebuild", method: .post, headers: admin) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: "/v1/admin/projections/Bad_Name/rebuild", method: .post, headers: admin) { response in
                #expect(response.status == .badRequest)
                let problem = try response.json(Problem.self)
                #expect(problem.field == "name")
            }
        }
    }
}
