import EventStore
import Foundation
import LedgerTestSupport
import Testing

/// Live-stream slots through the real server (issue 10, item 10): one token holds at most its share,
/// other tokens still get theirs, and a client that vanishes gives its slot back at once, not at the
/// next heartbeat (15 s in service).
@Suite struct EventStreamSlotsServerTests {
    /// Opens a stream and returns the connection with the response's status code.
    static func open(_ server: RunningServer, token: String) async throws -> (RawHTTPConnection, Int) {
        let (connection, status, _) = try await openReading(server, token: token)
        return (connection, status)
    }

    /// Opens a stream and returns the connection, the status code and what was read so far.
    static func openReading(_ server: RunningServer, token: String) async throws -> (RawHTTPConnection, Int, String) {
        let connection = try RawHTTPConnection(port: server.port)
        try connection.send("GET /v1/events/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(token)\r\n\r\n")
        let head = try await connection.read(until: "\r\n\r\n")
        let status = head.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
        return (connection, status, head)
    }

    static func token(_ environment: [String: String], _ name: String) async throws -> String {
        try await LedgerProcess.run(["tokens", "create", "--role", "monitor", "--name", name], environment: environment)
            .stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func aTokenHoldsTwoStreamsAndAVanishedClientsSlotComesBackAtOnce() async throws {
        try await TestDatabase.with { database in
            let environment = LedgerProcess.environment(database.url)
            let greedy = try await Self.token(environment, "greedy")
            let other = try await Self.token(environment, "other")
            let server = try RunningServer(environment: environment)
            try await server.waitUntilReady()

            let (first, firstStatus) = try await Self.open(server, token: greedy)
            let (second, secondStatus) = try await Self.open(server, token: greedy)
            #expect(firstStatus == 200 && secondStatus == 200)
            let (third, thirdStatus, head) = try await Self.openReading(server, token: greedy)
            #expect(thirdStatus == 429, "a third stream for one token is refused")
            let refusal = head.contains("}") ? head : head + (try await third.read(until: "}"))
            #expect(refusal.contains("urn:opinion-ledger:problem:too-many-requests"), "\(refusal)")
            third.disconnect()
            let (others, othersStatus) = try await Self.open(server, token: other)
            #expect(othersStatus == 200, "another token still gets a slot")

            // The client of the first stream goes away without a word.
            first.disconnect()
            let clock = ContinuousClock()
            let start = clock.now
            var reopened: RawHTTPConnection?
            while reopened == nil, clock.now - start < .seconds(5) {
                let (connection, status) = try await Self.open(server, token: greedy)
                if status == 200 { reopened = connection } else { connection.disconnect() }
                if reopened == nil { try await Task.sleep(for: .milliseconds(100)) }
            }
            #expect(reopened != nil, "the vanished client's slot was given back well before the next heartbeat (15 s)")
            _ = (second, others)
            #expect(await server.terminate() == 0)
        }
    }
}
