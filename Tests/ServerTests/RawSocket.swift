import Foundation
import LedgerTestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// A blocking TCP connection to the server under test, for requests no HTTP client would send
/// (broken framing, dribbled or oversized heads). Use it from its own thread (`onOwnThread`).
final class RawSocket: @unchecked Sendable {
    /// What the server sent back before it closed the connection (or the wait ran out).
    struct Answer {
        var bytes: [UInt8]
        /// Whether the server closed the connection.
        var closed: Bool
        var text: String { String(decoding: bytes, as: UTF8.self) }
        /// The status code of the first response, if one arrived.
        var status: Int? {
            guard text.hasPrefix("HTTP/1.1 "), let code = Int(text.dropFirst(9).prefix(3)) else { return nil }
            return code
        }
        /// The first response's body (after the blank line).
        var body: String {
            guard let range = text.range(of: "\r\n\r\n") else { return "" }
            return String(text[range.upperBound...])
        }
        /// A header of the first response (case-insensitive name).
        func header(_ name: String) -> String? {
            let head = text.components(separatedBy: "\r\n\r\n").first ?? ""
            for line in head.components(separatedBy: "\r\n").dropFirst() {
                let parts = line.split(separator: ":", maxSplits: 1)
                if parts.count == 2, parts[0].lowercased() == name.lowercased() {
                    return parts[1].trimmingCharacters(in: .whitespaces)
                }
            }
            return nil
        }
    }

    let fd: Int32

    init(port: Int) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(fd)
            throw SetupError("cannot connect to 127.0.0.1:\(port)")
        }
    }

    deinit { close(fd) }

    /// Sends `text` whole; false when the server closed the connection.
    @discardableResult
    func send(_ text: String) -> Bool { send(Array(text.utf8)) }

    @discardableResult
    func send(_ bytes: [UInt8]) -> Bool {
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { return false }
            sent += n
        }
        return true
    }

    /// Stops sending (the server sees end of input), keeping the connection open for the answer.
    func finishSending() { shutdown(fd, Int32(SHUT_WR)) }

    /// What arrived so far and was not returned yet.
    private var received: [UInt8] = []

    /// Reads until the server closes the connection or `seconds` pass (with whatever `drain` kept).
    func readUntilClosed(seconds: Double) -> Answer {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 100) > 0 else { continue }
            if drain() { return taken(closed: true) }
        }
        return taken(closed: false)
    }

    /// Reads what has arrived without waiting (keeping it for `readUntilClosed`); true when the server
    /// has closed the connection (end of input or a reset).
    @discardableResult
    func drain() -> Bool {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = recv(fd, &buffer, buffer.count, Int32(MSG_DONTWAIT))
            if n > 0 {
                received += buffer[0..<n]
                continue
            }
            if n < 0, errno == EAGAIN || errno == EWOULDBLOCK { return false }
            return true
        }
    }

    /// Whether anything arrived (kept) or the server closed the connection.
    func hasAnswerOrClosed() -> Bool { drain() || !received.isEmpty }

    private func taken(closed: Bool) -> Answer {
        defer { received = [] }
        return Answer(bytes: received, closed: closed)
    }
}
