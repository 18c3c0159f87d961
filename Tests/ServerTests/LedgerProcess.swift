import EventStore
import Foundation
import LedgerTestSupport

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Runs the built `opinion-ledger` binary as a child process, as an operator would.
struct LedgerProcess {
    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The binary under test: `OPINION_LEDGER_BIN` (set by scripts/test) or the debug build.
    static func binary() throws -> URL {
        if let path = ProcessInfo.processInfo.environment["OPINION_LEDGER_BIN"] {
            return URL(fileURLWithPath: path)
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let candidate = root.appendingPathComponent(".build/debug/opinion-ledger")
        guard FileManager.default.isExecutableFile(atPath: candidate.path) else {
            throw SetupError("opinion-ledger binary not found: build it or set OPINION_LEDGER_BIN")
        }
        return candidate
    }

    /// The environment for a database: DATABASE_URL set, everything else inherited.
    static func environment(_ url: DatabaseURL, extra: [String: String] = [:]) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["DATABASE_URL"] = "postgres://\(url.username)@\(url.host):\(url.port)/\(url.database)?sslmode=disable"
        environment["LOG_LEVEL"] = "warning"
        environment.merge(extra) { $1 }
        return environment
    }

    /// Runs a command to completion. Its output goes to files, not pipes: a pipe's write end can be
    /// inherited by a `serve` another test starts at the same moment, and then EOF never comes.
    static func run(_ arguments: [String], environment: [String: String]) async throws -> Output {
        try await run(executable: try binary(), arguments, environment: environment)
    }

    /// Runs any executable to completion the same way (output to files).
    static func run(executable: URL, _ arguments: [String], environment: [String: String]) async throws -> Output {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = environment
        let out = try OutputFile("out")
        let err = try OutputFile("err")
        defer {
            out.remove()
            err.remove()
        }
        process.standardOutput = out.handle
        process.standardError = err.handle
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
        return Output(status: status, stdout: try out.contents(), stderr: try err.contents())
    }

    /// A free TCP port on the loopback interface.
    static func freePort() throws -> Int {
        let (fd, port) = try boundLoopbackSocket()
        close(fd)
        return port
    }

    /// A TCP socket bound to a port the kernel picks on 127.0.0.1, and that port; the caller closes it.
    static func boundLoopbackSocket() throws -> (fd: Int32, port: Int) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(fd, pointer, length) == 0 && getsockname(fd, pointer, &length) == 0
            }
        }
        guard bound else {
            close(fd)
            throw SetupError("no free port")
        }
        return (fd, Int(UInt16(bigEndian: address.sin_port)))
    }
}

/// A running `opinion-ledger serve` child process.
final class RunningServer: @unchecked Sendable {
    let process: Process
    let port: Int
    /// The server's log (standard error), in a file so that a chatty server never blocks on a full pipe.
    let log: OutputFile

    /// Starts `serve` on a free port (from `executable`, the binary under test by default); does not
    /// wait for readiness.
    init(environment: [String: String], executable: URL? = nil) throws {
        port = try LedgerProcess.freePort()
        process = Process()
        process.executableURL = try executable ?? LedgerProcess.binary()
        process.arguments = ["serve"]
        var environment = environment
        environment["PORT"] = String(port)
        process.environment = environment
        log = try OutputFile("serve")
        process.standardError = log.handle
        process.standardOutput = FileHandle.nullDevice
        try process.run()
    }

    /// Polls `/health/ready` until it answers 200 (or the process exits, or 30 s pass).
    func waitUntilReady() async throws {
        for _ in 0..<300 {
            guard process.isRunning else { throw SetupError("serve exited with \(process.terminationStatus)") }
            if (try? await get("/health/ready").status) == 200 { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw SetupError("serve did not become ready")
    }

    /// A GET against the server.
    func get(_ path: String, token: String? = nil) async throws -> (status: Int, body: String) {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        return try await Self.send(request)
    }

    /// An answer with the header the availability tests look at.
    struct Answer: Sendable {
        var status: Int
        var body: String
        var retryAfter: String?
        var contentType: String? = nil
        var requestId: String? = nil
    }

    /// Any request against the server, given up on (throwing) after 30 s.
    func request(
        _ method: String, _ path: String, token: String? = nil, body: String? = nil, headers: [String: String] = [:]
    ) async throws -> Answer {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!, timeoutInterval: 30)
        request.httpMethod = method
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        if let body {
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            request.httpBody = Data(body.utf8)
        }
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        return try await withCheckedThrowingContinuation { continuation in
            URLSession.shared.dataTask(with: request) { data, response, error in
                if let error { return continuation.resume(throwing: error) }
                let http = response as? HTTPURLResponse
                continuation.resume(
                    returning: Answer(
                        status: http?.statusCode ?? 0, body: String(decoding: data ?? Data(), as: UTF8.self),
                        retryAfter: http?.value(forHTTPHeaderField: "Retry-After"),
                        contentType: http?.value(forHTTPHeaderField: "Content-Type"),
                        requestId: http?.value(forHTTPHeaderField: "X-Request-ID")))
            }.resume()
        }
    }

    static func send(_ request: URLRequest) async throws -> (status: Int, body: String) {
        try await withCheckedThrowingContinuation { continuation in
            URLSession.shared.dataTask(with: request) { data, response, error in
                if let error { return continuation.resume(throwing: error) }
                let status = (response as? HTTPURLResponse)?.statusCode ?? 0
                continuation.resume(returning: (status, String(decoding: data ?? Data(), as: UTF8.self)))
            }.resume()
        }
    }

    /// Sends SIGTERM and waits for the exit status.
    func terminate() async -> Int32 {
        process.terminate()
        for _ in 0..<200 where process.isRunning { try? await Task.sleep(for: .milliseconds(50)) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        _ = try? await onOwnThread { [process] in process.waitUntilExit() }
        return process.terminationStatus
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        log.remove()
    }
}

/// A temporary file that a child process writes its output to.
final class OutputFile: @unchecked Sendable {
    let url: URL
    let handle: FileHandle

    init(_ name: String) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("opinion-ledger-\(UUID().uuidString).\(name)")
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else { throw SetupError("cannot create \(url.path)") }
        handle = try FileHandle(forWritingTo: url)
    }

    /// Everything written so far, as text.
    func contents() throws -> String { String(decoding: try Data(contentsOf: url), as: UTF8.self) }

    func remove() {
        try? handle.close()
        try? FileManager.default.removeItem(at: url)
    }
}
