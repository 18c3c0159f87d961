import EventStore
import Logging

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

    /// Reads `DATABASE_URL` (required), `HOST` (127.0.0.1), `PORT` (8080) and `LOG_LEVEL` (info).
    init(environment: [String: String]) throws {
        guard let url = environment["DATABASE_URL"], !url.isEmpty else {
            throw Invalid(
                description: "DATABASE_URL is not set (e.g. postgres://user@127.0.0.1:5432/opinion_ledger); "
                    + "scripts/run starts a local PostgreSQL and sets it for you")
        }
        self.database = try DatabaseURL(url)
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
    }

    /// A logger at the configured level.
    func logger(_ label: String) -> Logger {
        var logger = Logger(label: label)
        logger.logLevel = logLevel
        return logger
    }
}
