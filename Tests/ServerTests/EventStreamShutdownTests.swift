import EventStore
import Foundation
import LedgerTestSupport
import Testing

/// An open `/v1/events/stream` does not hold the server up: on SIGTERM the stream ends and the
/// server exits cleanly.
@Suite struct EventStreamShutdownTests {
    @Test func anOpenStreamEndsCleanlyOnSIGTERM() async throws {
        try await TestDatabase.with { database in
            let environment = LedgerProcess.environment(database.url)
            let token = try await LedgerProcess.run(
                ["tokens", "create", "--role", "auditor", "--name", "sse"], environment: environment
            ).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            let server = try RunningServer(environment: environment)
            try await server.waitUntilReady()

            let connection = try RawHTTPConnection(port: server.port)
            try connection.send("GET /v1/events/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(token)\r\n\r\n")
            let opening = try await connection.read(until: ": connected")
            #expect(opening.contains(": connected"), "the stream was open before SIGTERM")
            #expect(opening.contains("200 OK"))
            #expect(opening.lowercased().contains("content-type: text/event-stream"))

            #expect(await server.terminate() == 0, "the server exits 0 without being killed")
            let rest = try await connection.readToEnd()
            #expect(!rest.contains("id: "), "no events were in the log")
        }
    }
}

/// A plain blocking TCP connection, to watch a streamed response arrive and end.
final class RawHTTPConnection: @unchecked Sendable {
    let fd: Int32
    private var closed = false

    init(port: Int) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
        guard connected else { throw SetupError("cannot connect to 127.0.0.1:\(port)") }
        var timeout = timeval(tv_sec: 20, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { disconnect() }

    /// Closes the socket now, as a client that goes away does.
    func disconnect() {
        guard !closed else { return }
        closed = true
        close(fd)
    }

    func send(_ text: String) throws {
        let bytes = Array(text.utf8)
        guard write(fd, bytes, bytes.count) == bytes.count else { throw SetupError("write failed") }
    }

    /// Reads until `marker` has arrived (or the connection ends or 20 s of silence pass).
    func read(until marker: String) async throws -> String {
        try await onOwnThread { [self] in
            var received = ""
            while !received.contains(marker) {
                guard let chunk = self.chunk() else { break }
                received += chunk
            }
            return received
        }
    }

    /// Reads until the server closes the connection; throws if it stays open 20 s without a byte.
    func readToEnd() async throws -> String {
        try await onOwnThread { [self] in
            var received = ""
            while true {
                var buffer = [UInt8](repeating: 0, count: 4096)
                let count = recv(self.fd, &buffer, buffer.count, 0)
                if count == 0 { return received }
                guard count > 0 else { throw SetupError("the stream stayed open after shutdown") }
                received += String(decoding: buffer[0..<count], as: UTF8.self)
            }
        }
    }

    private func chunk() -> String? {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = recv(fd, &buffer, buffer.count, 0)
        return count > 0 ? String(decoding: buffer[0..<count], as: UTF8.self) : nil
    }
}
