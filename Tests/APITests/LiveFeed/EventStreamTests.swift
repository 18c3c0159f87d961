import API
import Events
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// `GET /v1/events/stream`: Server-Sent Events with positions as ids, resumable with Last-Event-ID.
@Suite struct EventStreamTests {
    struct FeedItems: Decodable { var events: [JSONValue] }

    static func events(_ response: TestResponse) -> [ServerSentEvent] {
        ServerSentEvent.parse(String(buffer: response.body)).events
    }

    @Test func eachEventCarriesItsPositionTypeAndTheFeedsJSON() async throws {
        try await LiveHarness.with { harness, _, client in
            let auth = try await harness.bearer()
            try await harness.appendEvents(3, to: "unit-a")
            let feed = try await client.execute(uri: "/v1/events", method: .get, headers: auth) { try $0.json(FeedItems.self) }
            try await client.execute(uri: "/v1/events/stream?limit=3", method: .get, headers: auth) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/event-stream")
                let messages = Self.events(response)
                #expect(messages.map(\.id) == ["1", "2", "3"])
                #expect(messages.map(\.event) == ["TestHappened", "TestHappened", "TestHappened"])
                let data = try messages.map { try JSONDecoder().decode(JSONValue.self, from: Data($0.data.utf8)) }
                #expect(data == feed.events)
            }
        }
    }

    @Test func resumingWithLastEventIDMissesNothingAndDoublesNothing() async throws {
        try await LiveHarness.with { harness, _, client in
            let auth = try await harness.bearer()
            try await harness.appendEvents(4, to: "unit-a")
            // The first connection ends (the client disconnects) after two events.
            let first = try await client.execute(uri: "/v1/events/stream?limit=2", method: .get, headers: auth) { Self.events($0) }
            #expect(first.map(\.id) == ["1", "2"])
            // More is written while the client is away.
            try await harness.appendEvents(3, to: "unit-b")
            var resume = auth
            resume[HTTPField.Name("Last-Event-ID")!] = first.last!.id!
            let second = try await client.execute(uri: "/v1/events/stream?limit=5", method: .get, headers: resume) { Self.events($0) }
            #expect(second.map(\.id) == ["3", "4", "5", "6", "7"])
            // The header wins over `after` (an EventSource reconnects to the same URL).
            let third = try await client.execute(uri: "/v1/events/stream?after=0&limit=1", method: .get, headers: resume) {
                Self.events($0)
            }
            #expect(third.map(\.id) == ["3"])
        }
    }

    @Test func eventsWrittenWhileConnectedArriveThroughTheFollow() async throws {
        try await LiveHarness.with { harness, _, client in
            let auth = try await harness.bearer()
            let writer = Task {
                try await Task.sleep(for: .milliseconds(200))
                try await harness.appendEvents(2, to: "unit-c")
            }
            let messages = try await client.execute(uri: "/v1/events/stream?limit=2&timeout=30", method: .get, headers: auth) {
                Self.events($0)
            }
            try await writer.value
            #expect(messages.map(\.id) == ["1", "2"])
        }
    }

    @Test func heartbeatsKeepAnIdleStreamAliveUntilTheTimeout() async throws {
        try await LiveHarness.with { harness, _, client in
            let auth = try await harness.bearer()
            try await client.execute(uri: "/v1/events/stream?timeout=1", method: .get, headers: auth) { response in
                let parsed = ServerSentEvent.parse(String(buffer: response.body))
                #expect(parsed.events.isEmpty)
                #expect(parsed.comments.contains("heartbeat"))
            }
        }
    }

    @Test func theFeedsFiltersApply() async throws {
        try await LiveHarness.with { harness, _, client in
            let auth = try await harness.bearer()
            try await harness.appendEvents(2, to: "unit-a")
            try await harness.appendEvents(2, to: "unit-b", type: "OtherHappened")
            let byStream = try await client.execute(uri: "/v1/events/stream?stream=unit-b&limit=2", method: .get, headers: auth) {
                Self.events($0)
            }
            #expect(byStream.map(\.id) == ["3", "4"])
            let byType = try await client.execute(uri: "/v1/events/stream?type=TestHappened&limit=2", method: .get, headers: auth) {
                Self.events($0)
            }
            #expect(byType.map(\.id) == ["1", "2"])
        }
    }

    @Test func aBadLastEventIDOrLimitIsA400NamingIt() async throws {
        try await LiveHarness.with { harness, _, client in
            var auth = try await harness.bearer()
            try await client.execute(uri: "/v1/events/stream?limit=0", method: .get, headers: auth) { response in
                #expect(response.status == .badRequest)
                let problem = try response.json(Problem.self)
                #expect(problem.field == "limit")
            }
            auth[HTTPField.Name("Last-Event-ID")!] = "yesterday"
            try await client.execute(uri: "/v1/events/stream", method: .get, headers: auth) { response in
                #expect(response.status == .badRequest)
                let problem = try response.json(Problem.self)
                #expect(problem.field == "Last-Event-ID")
            }
        }
    }

    @Test func theStreamNeedsAToken() async throws {
        try await LiveHarness.with { _, _, client in
            try await client.execute(uri: "/v1/events/stream?limit=1", method: .get) { response in
                #expect(response.status == .unauthorized)
            }
        }
    }
}
