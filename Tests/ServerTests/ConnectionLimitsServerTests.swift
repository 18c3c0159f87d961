import EventStore
import Foundation
import LedgerTestSupport
import Testing

/// Through the real server and raw sockets: broken framing answers a 400 problem document (not a
/// 500), oversized heads a 431 problem, a request that stops arriving a 408, and connections that
/// dribble their head or sit idle are closed (`HTTP_IDLE_TIMEOUT` here 2 s, `HTTP_READ_TIMEOUT` 1 s).
@Suite struct ConnectionLimitsServerTests {
    struct Problem: Decodable {
        var type: String
        var status: Int
    }

    static let timeouts = ["HTTP_IDLE_TIMEOUT": "2", "HTTP_READ_TIMEOUT": "1"]

    /// Runs `body` against a server with short timeouts and an admin token.
    func withServer(_ body: @escaping @Sendable (RunningServer, String) async throws -> Void) async throws {
        try await TestDatabase.with { database in
            let environment = LedgerProcess.environment(database.url, extra: Self.timeouts)
            let created = try await LedgerProcess.run(
                ["tokens", "create", "--role", "admin", "--name", "limits"], environment: environment)
            #expect(created.status == 0, "\(created.stderr)")
            let server = try RunningServer(environment: environment)
            try await server.waitUntilReady()
            try await body(server, created.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
            _ = await server.terminate()
        }
    }

    /// Sends `request` on a new connection (then `finish`es sending if asked) and waits up to 20 s for the server to close it.
    static func exchange(_ port: Int, _ request: String, finish: Bool = false) async throws -> RawSocket.Answer {
        try await onOwnThread {
            let connection = try RawSocket(port: port)
            connection.send(request)
            if finish { connection.finishSending() }
            return connection.readUntilClosed(seconds: 20)
        }
    }

    static func expectProblem(
        _ answer: RawSocket.Answer, status: Int, type kind: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(answer.status == status, "\(answer.text.prefix(600))", sourceLocation: sourceLocation)
        #expect(answer.header("Content-Type") == "application/problem+json", sourceLocation: sourceLocation)
        let problem = try? JSONDecoder().decode(Problem.self, from: Data(answer.body.utf8))
        #expect(problem?.type == "urn:opinion-ledger:problem:\(kind)", "\(answer.body)", sourceLocation: sourceLocation)
        #expect(problem?.status == status, sourceLocation: sourceLocation)
        #expect(answer.closed, "the server closes the connection after a framing error", sourceLocation: sourceLocation)
    }

    static func post(_ token: String, _ headers: String) -> String {
        "POST /v1/units HTTP/1.1\r\nHost: ledger\r\nAuthorization: Bearer \(token)\r\nContent-Type: application/json\r\n\(headers)\r\n"
    }

    @Test func malformedChunkSizesAnswer400Problems() async throws {
        try await withServer { server, token in
            for size in ["ZZZ", "-5", "FFFFFFFFFFFFFFFFFF"] {
                let answer = try await Self.exchange(
                    server.port, Self.post(token, "Transfer-Encoding: chunked\r\n") + "\(size)\r\n{\"id\":\"x\"}\r\n0\r\n\r\n")
                Self.expectProblem(answer, status: 400, type: "malformed-request")
            }
        }
    }

    /// Issue 10 item 12: a request target the HTTP parser refuses (raw UTF-8 such as `?q=đường`, a
    /// control character) is a 400 problem document, not an empty 400; the same search percent-encoded
    /// is answered.
    @Test func requestTargetsTheParserRefusesAnswer400Problems() async throws {
        try await withServer { server, token in
            for target in ["/v1/incidents?q=đường", "/v1/incidents?q=a\u{01}b", "/v1/units/\u{7F}"] {
                let answer = try await Self.exchange(
                    server.port, "GET \(target) HTTP/1.1\r\nHost: ledger\r\nAuthorization: Bearer \(token)\r\n\r\n")
                Self.expectProblem(answer, status: 400, type: "malformed-request")
            }
            let encoded = try await Self.exchange(
                server.port,
                "GET /v1/incidents?q=%C4%91%C6%B0%E1%BB%9Dng HTTP/1.1\r\nHost: ledger\r\nAuthorization: Bearer \(token)\r\n"
                    + "Connection: close\r\n\r\n")
            #expect(encoded.status == 200, "\(encoded.text.prefix(600))")
        }
    }

    @Test func aBodyCutShortOfItsContentLengthAnswers400() async throws {
        try await withServer { server, token in
            let answer = try await Self.exchange(server.port, Self.post(token, "Content-Length: 100\r\n") + #"{"id":"x"}"#, finish: true)
            Self.expectProblem(answer, status: 400, type: "malformed-request")
        }
    }

    @Test func aBodyThatStopsArrivingAnswers408AndCloses() async throws {
        try await withServer { server, token in
            let short = try await Self.exchange(server.port, Self.post(token, "Content-Length: 100\r\n") + #"{"id":"x"}"#)
            Self.expectProblem(short, status: 408, type: "request-timeout")
            // A chunked body that never ends: chunks for half the timeout, then silence without the last
            // chunk. The 408 (not the idle timeout's silent close) shows the deadline runs from the head.
            let answer = try await onOwnThread {
                let connection = try RawSocket(port: server.port)
                connection.send(Self.post(token, "Transfer-Encoding: chunked\r\n") + "1\r\n{\r\n")
                for _ in 0..<5 {
                    Thread.sleep(forTimeInterval: 0.1)
                    connection.send("1\r\n \r\n")
                }
                return connection.readUntilClosed(seconds: 20)
            }
            Self.expectProblem(answer, status: 408, type: "request-timeout")
        }
    }

    @Test func oversizedHeadersAnswer431Problems() async throws {
        try await withServer { server, token in
            let key = String(repeating: "k", count: 100_000)
            let longKey = try await Self.exchange(server.port, Self.post(token, "Idempotency-Key: \(key)\r\nContent-Length: 2\r\n") + "{}")
            Self.expectProblem(longKey, status: 431, type: "headers-too-large")
            let authorization = String(repeating: "a", count: 200_000)
            let longAuthorization = try await Self.exchange(
                server.port, "GET /v1/units HTTP/1.1\r\nHost: ledger\r\nAuthorization: Bearer \(authorization)\r\n\r\n")
            Self.expectProblem(longAuthorization, status: 431, type: "headers-too-large")
        }
    }

    @Test func connectionsDribblingTheirHeadOrIdleAreClosed() async throws {
        try await withServer { server, _ in
            let closed = try await withThrowingTaskGroup(of: Bool.self) { group in
                for index in 0..<40 {
                    group.addTask {
                        try await onOwnThread {
                            let connection = try RawSocket(port: server.port)
                            if index.isMultiple(of: 2) {
                                // Idle after one answered request on a kept-alive connection.
                                connection.send("GET /health/live HTTP/1.1\r\nHost: ledger\r\n\r\n")
                            } else {
                                connection.send("GET /health/live HTTP/1.1\r\nHost: ledger\r\nX-Slow: ")
                            }
                            let started = Date()
                            while Date().timeIntervalSince(started) < 30 {
                                if connection.drain() { return true }
                                Thread.sleep(forTimeInterval: 0.25)
                                if !index.isMultiple(of: 2), !connection.send("x") { return true }
                            }
                            return false
                        }
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(closed.count == 40)
            #expect(closed.allSatisfy { $0 }, "every dribbling or idle connection is closed by the server")
            #expect((try? await server.get("/health/live").status) == 200, "the server still answers")
        }
    }

    @Test func timeoutsThatAreNotPositiveSecondsAreRefused() async throws {
        try await TestDatabase.with { database in
            for (name, value) in [("HTTP_IDLE_TIMEOUT", "soon"), ("HTTP_READ_TIMEOUT", "0")] {
                let environment = LedgerProcess.environment(database.url, extra: [name: value])
                let output = try await LedgerProcess.run(["serve"], environment: environment)
                #expect(output.status != 0)
                #expect(output.stderr.contains(name), "\(output.stderr)")
            }
        }
    }
}
