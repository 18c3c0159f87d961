import EventStore
import Foundation
import LedgerTestSupport
import Testing

/// The pool size and the live-stream limits come from the environment (issue 14, item 7): the limit
/// set is the limit served, and a value out of range stops `serve` with one line naming the setting.
@Suite struct ServerLimitsTests {
    @Test func theLiveStreamLimitsSetInTheEnvironmentAreTheOnesServed() async throws {
        try await TestDatabase.with { database in
            let environment = LedgerProcess.environment(
                database.url, extra: ["DATABASE_POOL_SIZE": "6", "EVENT_STREAM_LIMIT": "2", "EVENT_STREAM_LIMIT_PER_TOKEN": "1"])
            let first = try await EventStreamSlotsServerTests.token(environment, "first")
            let second = try await EventStreamSlotsServerTests.token(environment, "second")
            let third = try await EventStreamSlotsServerTests.token(environment, "third")
            let server = try RunningServer(environment: environment)
            try await server.waitUntilReady()
            let (a, aStatus) = try await EventStreamSlotsServerTests.open(server, token: first)
            #expect(aStatus == 200)
            let (again, againStatus) = try await EventStreamSlotsServerTests.open(server, token: first)
            #expect(againStatus == 429, "one stream per token, as EVENT_STREAM_LIMIT_PER_TOKEN says")
            again.disconnect()
            let (b, bStatus) = try await EventStreamSlotsServerTests.open(server, token: second)
            #expect(bStatus == 200)
            let (c, cStatus, head) = try await EventStreamSlotsServerTests.openReading(server, token: third)
            #expect(cStatus == 503, "two streams in all, as EVENT_STREAM_LIMIT says")
            let refusal = head.contains("}") ? head : head + (try await c.read(until: "}"))
            #expect(refusal.contains("2 live streams are open"), "\(refusal)")
            // Requests are still answered with both streams holding their connections.
            #expect(try await server.get("/v1/events?limit=1", token: third).status == 200)
            for connection in [a, b, c] { connection.disconnect() }
            #expect(await server.terminate() == 0)
        }
    }

    @Test(arguments: [
        ("DATABASE_POOL_SIZE", "three", "DATABASE_POOL_SIZE must be a whole number from 4 to 1000, not 'three'"),
        ("DATABASE_POOL_SIZE", "2", "DATABASE_POOL_SIZE must be a whole number from 4 to 1000, not '2'"),
        ("EVENT_STREAM_LIMIT", "17", "EVENT_STREAM_LIMIT must be a whole number from 0 to 16, not '17'"),
        ("EVENT_STREAM_LIMIT_PER_TOKEN", "0", "EVENT_STREAM_LIMIT_PER_TOKEN must be a whole number from 1 to 8, not '0'"),
    ])
    func aLimitOutOfRangeStopsServeWithOneLine(name: String, value: String, message: String) async throws {
        try await TestDatabase.with { database in
            let environment = LedgerProcess.environment(database.url, extra: [name: value])
            let serve = try await LedgerProcess.run(["serve"], environment: environment)
            #expect(serve.status == 1, "\(serve.stderr)")
            #expect(serve.stderr.contains(message), "\(serve.stderr)")
        }
    }
}
