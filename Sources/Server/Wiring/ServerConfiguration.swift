import EventStore
import Logging
import Synchronization

/// The service's configuration, read from the environment and nowhere else.
struct ServerConfiguration: Sendable {
    /// Why the environment could not be used.
    struct Invalid: Error, CustomStringConvertible {
        let description: String
    }

    var database: DatabaseURL
    var host: String
    var port: Int
    var logLevel: Logger.Level
    /// How log lines are written: `text` (swift-log's default) or `json` (one object per line).
    var logFormat: String
    /// How long a connection may go without a request part while no request is being answered (idle
    /// between requests, or still sending a request's head) before it is closed.
    var idleTimeout: Duration
    /// How long a request may take to arrive whole once its head has arrived (its body, chunked or not).
    var readTimeout: Duration
    /// After how long without a request freed heap is given back to the operating system
    /// (`IdleMemoryTrim`); zero turns that off.
    var mallocTrimIdle: Duration
    /// The most connections the server's pool opens to PostgreSQL.
    var poolSize: Int
    /// The most `/v1/events/stream` clients at once (each holds a connection of the pool while it listens).
    var eventStreamLimit: Int
    /// The most `/v1/events/stream` clients one token may hold at once.
    var eventStreamLimitPerToken: Int

    /// Reads `DATABASE_URL` (required), `HOST` (127.0.0.1), `PORT` (8080), `LOG_LEVEL` (info),
    /// `HTTP_IDLE_TIMEOUT` (30 seconds), `HTTP_READ_TIMEOUT` (20 seconds) and `LEDGER_MALLOC_TRIM_IDLE`
    /// (30 seconds, 0 = off), `DATABASE_POOL_SIZE` (20), `EVENT_STREAM_LIMIT` (8) and
    /// `EVENT_STREAM_LIMIT_PER_TOKEN` (2).
    init(environment: [String: String]) throws {
        guard let url = environment["DATABASE_URL"], !url.isEmpty else {
            throw Invalid(
                description: "DATABASE_URL is not set (e.g. postgres://user@127.0.0.1:5432/opinion_ledger); "
                    + "scripts/run starts a local PostgreSQL and sets it for you")
        }
        self.database = try DatabaseURL(url, environment: environment)
        self.host = environment["HOST"].flatMap { $0.isEmpty ? nil : $0 } ?? "127.0.0.1"
        let portText = environment["PORT"].flatMap { $0.isEmpty ? nil : $0 } ?? "8080"
        guard let port = Int(portText), (0...65535).contains(port) else {
            throw Invalid(description: "PORT must be a number from 0 to 65535, not '\(portText)'")
        }
        self.port = port
        let levelText = environment["LOG_LEVEL"].flatMap { $0.isEmpty ? nil : $0 } ?? "info"
        guard let level = Logger.Level(rawValue: levelText.lowercased()) else {
            throw Invalid(description: "LOG_LEVEL must be one of trace, debug, info, notice, warning, error, critical")
        }
        self.logLevel = level
        let format = environment["LOG_FORMAT"].flatMap { $0.isEmpty ? nil : $0.lowercased() } ?? "text"
        guard ["text", "json"].contains(format) else {
            throw Invalid(description: "LOG_FORMAT must be text or json, not '\(environment["LOG_FORMAT"] ?? "")'")
        }
        self.logFormat = format
        if format == "json" { Self.bootstrapJSONLogs() }
        self.idleTimeout = try Self.seconds(environment, "HTTP_IDLE_TIMEOUT", default: 30)
        self.readTimeout = try Self.seconds(environment, "HTTP_READ_TIMEOUT", default: 20)
        if environment["LEDGER_MALLOC_TRIM_IDLE"].map({ Double($0) == 0 }) ?? false {
            self.mallocTrimIdle = .zero
        } else {
            do {
                self.mallocTrimIdle = try Self.seconds(environment, "LEDGER_MALLOC_TRIM_IDLE", default: 30)
            } catch {
                let text = environment["LEDGER_MALLOC_TRIM_IDLE"] ?? ""
                throw Invalid(
                    description: "LEDGER_MALLOC_TRIM_IDLE must be 0 (off) or a number of seconds from 0.001 to 86400, not '\(text)'")
            }
        }
        self.poolSize = try Self.integer(environment, "DATABASE_POOL_SIZE", default: 20, in: 4...1_000)
        // Live-stream clients may take at most the pool's connections but four, which stay for requests.
        self.eventStreamLimit = try Self.integer(environment, "EVENT_STREAM_LIMIT", default: min(8, poolSize - 4), in: 0...(poolSize - 4))
        self.eventStreamLimitPerToken = try Self.integer(
            environment, "EVENT_STREAM_LIMIT_PER_TOKEN", default: min(2, max(eventStreamLimit, 1)), in: 1...max(eventStreamLimit, 1))
    }

    /// A whole number from the environment within `range`; the message names the range, which may
    /// depend on another setting (the stream limits on the pool size).
    static func integer(_ environment: [String: String], _ name: String, default fallback: Int, in range: ClosedRange<Int>) throws
        -> Int
    {
        guard let text = environment[name], !text.isEmpty else { return fallback }
        guard let value = Int(text), range.contains(value) else {
            throw Invalid(description: "\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound), not '\(text)'")
        }
        return value
    }

    /// A positive number of seconds (fractions allowed) from the environment, at most a day.
    static func seconds(_ environment: [String: String], _ name: String, default fallback: Double) throws -> Duration {
        guard let text = environment[name], !text.isEmpty else { return .milliseconds(Int64(fallback * 1000)) }
        guard let seconds = Double(text), seconds.isFinite, seconds >= 0.001, seconds <= 86_400 else {
            throw Invalid(description: "\(name) must be a number of seconds from 0.001 to 86400, not '\(text)'")
        }
        return .milliseconds(Int64((seconds * 1000).rounded()))
    }

    private static let bootstrapped = Mutex(false)

    /// Makes every logger of the process write JSON lines (once per process, as swift-log requires).
    static func bootstrapJSONLogs() {
        let first = bootstrapped.withLock { done in
            defer { done = true }
            return !done
        }
        if first { LoggingSystem.bootstrap { label in JSONLogHandler(label: label) } }
    }

    /// A logger at the configured level.
    func logger(_ label: String) -> Logger {
        var logger = Logger(label: label)
        logger.logLevel = logLevel
        return logger
    }
}
