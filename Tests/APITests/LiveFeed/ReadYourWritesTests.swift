import API
import Events
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LedgerTestSupport
import Projections
import Testing

/// `minPosition` on any read: wait (bounded) for the log and the route's projections, else 503.
@Suite struct ReadYourWritesTests {
    static let routes = [ReadModelRoute(pathPrefix: "/v1/events", projections: ["test-read-model"])]

    static func moveCheckpoint(_ harness: APIHarness, to position: Int64) async throws {
        try await harness.database.client.query(
            """
            INSERT INTO projection_checkpoints (name, position) VALUES ('test-read-model', \(position))
            ON CONFLICT (name) DO UPDATE SET position = EXCLUDED.position
            """)
    }

    @Test func aReadWaitsUntilTheProjectionReachesThePositionThenAnswers() async throws {
        try await LiveHarness.with(projections: [CheckpointOnlyProjection()], readModelRoutes: Self.routes) { harness, _, client in
            let auth = try await harness.bearer()
            try await harness.appendEvents(3, to: "unit-a")
            try await Self.moveCheckpoint(harness, to: 1)
            let catchUp = Task {
                try await Task.sleep(for: .milliseconds(150))
                try await Self.moveCheckpoint(harness, to: 3)
            }
            try await client.execute(uri: "/v1/events?minPosition=3", method: .get, headers: auth) { response in
                #expect(response.status == .ok)
            }
            // Answered only once the checkpoint had moved (an answer that did not wait comes ~150 ms earlier).
            let checkpoint = try await ProjectionCheckpoints.position(
                of: "test-read-model", client: harness.database.client, logger: harness.database.logger)
            #expect(checkpoint == 3, "the read waited for the projection")
            try await catchUp.value
        }
    }

    @Test func aPositionNeverReachedIsA503WithRetryAfter() async throws {
        try await LiveHarness.with(projections: [CheckpointOnlyProjection()], readModelRoutes: Self.routes) { harness, _, client in
            let auth = try await harness.bearer()
            try await harness.appendEvents(3, to: "unit-a")
            try await Self.moveCheckpoint(harness, to: 2)
            try await client.execute(uri: "/v1/events?minPosition=3", method: .get, headers: auth) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(response.headers[.retryAfter] == "1")
                let problem = try response.json(Problem.self)
                #expect(problem.type == "urn:opinion-ledger:problem:service-unavailable")
                #expect(problem.field == "minPosition")
            }
            // Beyond the log's head, a route that folds the log directly also waits, then refuses.
            try await client.execute(uri: "/v1/streams/unit-a/events?minPosition=4", method: .get, headers: auth) { response in
                #expect(response.status == .serviceUnavailable)
            }
            try await client.execute(uri: "/v1/streams/unit-a/events?minPosition=3", method: .get, headers: auth) { response in
                #expect(response.status == .ok)
            }
        }
    }

    @Test func aWritesPositionIsReadableAtOnce() async throws {
        try await LiveHarness.with { harness, _, client in
            let admin = try await harness.bearer(.admin)
            var headers = admin
            headers[.contentType] = "application/json"
            let body = #"{"id":"hn","name":"UBND tỉnh Hà Nội","kind":"province","effectiveFrom":"2024-01-01"}"#
            let position = try await client.execute(
                uri: "/v1/units", method: .post, headers: headers, body: ByteBuffer(string: body)
            ) { response -> Int64? in
                #expect(response.status == .created)
                return try response.json(UnitPosition.self).position
            }
            let written = try #require(position)
            try await client.execute(uri: "/v1/units/hn?minPosition=\(written)", method: .get, headers: admin) { response in
                #expect(response.status == .ok)
            }
        }
    }

    @Test func minPositionMustBeAPosition() async throws {
        try await LiveHarness.with { harness, _, client in
            let auth = try await harness.bearer()
            try await client.execute(uri: "/v1/events?minPosition=-1", method: .get, headers: auth) { response in
                #expect(response.status == .badRequest)
                let problem = try response.json(Problem.self)
                #expect(problem.field == "minPosition")
            }
        }
    }

    struct UnitPosition: Decodable { var position: Int64? }
}
