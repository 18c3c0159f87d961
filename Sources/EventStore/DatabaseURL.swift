import Foundation
import PostgresNIO

/// A parsed `DATABASE_URL`
/// (`postgres://user:password@host:port/database?sslmode=verify-full&sslrootcert=/path/ca.crt`).
///
/// TLS follows libpq: `sslmode` is `disable`, `prefer` (the default), `require`, `verify-ca` or
/// `verify-full` (`PGSSLMODE` when the URL has none); the root certificate is `sslrootcert` in the
/// URL, else `PGSSLROOTCERT`, else `~/.postgresql/root.crt` when it exists (`system` means the
/// operating system's roots). See `DatabaseURL.SSLMode` and docs/operations.md.
public struct DatabaseURL: Sendable, Hashable {
    /// Why a URL was refused.
    public struct Invalid: Error, CustomStringConvertible, Sendable {
        /// What is wrong with it (never the password).
        public let description: String
    }

    public var host: String
    public var port: Int
    public var username: String
    public var password: String?
    public var database: String
    /// Whether and how the connection is encrypted and the server's certificate checked.
    public var sslMode: SSLMode
    /// The root certificate file that signs the server's certificate (`system`: the system's roots),
    /// if one was given or found; nil with none.
    public var sslRootCert: String?

    /// Parses a PostgreSQL connection URL; `environment` supplies libpq's `PGSSLMODE`,
    /// `PGSSLROOTCERT` and `HOME` (for `~/.postgresql/root.crt`).
    public init(_ text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        guard let components = URLComponents(string: text), let scheme = components.scheme,
            ["postgres", "postgresql"].contains(scheme)
        else { throw Invalid(description: "DATABASE_URL must look like postgres://user:password@host:port/database") }
        guard let host = components.host, !host.isEmpty else { throw Invalid(description: "DATABASE_URL has no host") }
        guard let user = components.user, !user.isEmpty else { throw Invalid(description: "DATABASE_URL has no user name") }
        let database = String(components.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty else { throw Invalid(description: "DATABASE_URL has no database name") }
        self.host = host
        self.port = components.port ?? 5432
        self.username = user.removingPercentEncoding ?? user
        self.password = components.password.map { $0.removingPercentEncoding ?? $0 }
        self.database = database.removingPercentEncoding ?? database
        let query = { (name: String) in components.queryItems?.first(where: { $0.name == name })?.value }
        let modeText = query("sslmode") ?? environment["PGSSLMODE"].flatMap { $0.isEmpty ? nil : $0 } ?? "prefer"
        guard let mode = SSLMode(rawValue: modeText) else {
            throw Invalid(
                description: "DATABASE_URL sslmode must be one of \(SSLMode.allCases.map(\.rawValue).joined(separator: ", ")), "
                    + "not '\(modeText)'")
        }
        self.sslMode = mode
        self.sslRootCert = try Self.rootCertificate(
            given: query("sslrootcert") ?? environment["PGSSLROOTCERT"].flatMap { $0.isEmpty ? nil : $0 },
            home: environment["HOME"], mode: mode)
    }

    /// The root certificate to use: the given path (which must be readable), else libpq's default
    /// `~/.postgresql/root.crt` if it exists; `verify-ca` and `verify-full` refuse to go without one.
    static func rootCertificate(given: String?, home: String?, mode: SSLMode) throws -> String? {
        if let given {
            guard given == "system" || FileManager.default.isReadableFile(atPath: given) else {
                throw Invalid(description: "DATABASE_URL sslrootcert (or PGSSLROOTCERT) \(given) does not exist or cannot be read")
            }
            return given
        }
        if let home, !home.isEmpty {
            let standard = URL(fileURLWithPath: home).appendingPathComponent(".postgresql/root.crt").path
            if FileManager.default.isReadableFile(atPath: standard) { return standard }
        }
        guard !mode.verifiesCertificate else {
            throw Invalid(
                description: "DATABASE_URL sslmode=\(mode.rawValue) needs the root certificate that signed the server's: "
                    + "add sslrootcert=/path/to/ca.crt (or sslrootcert=system) or set PGSSLROOTCERT")
        }
        return nil
    }

    /// The same server with another database name (tests and tools create databases beside it).
    public func with(database: String) -> DatabaseURL {
        var copy = self
        copy.database = database
        return copy
    }

    /// A client configuration for this URL.
    public func clientConfiguration(maximumConnections: Int = 20) -> PostgresClient.Configuration {
        let tls: PostgresClient.Configuration.TLS
        switch (sslMode, tlsConfiguration) {
        case (.prefer, let settings?): tls = .prefer(settings)
        case (_, let settings?): tls = .require(settings)
        case (_, nil): tls = .disable
        }
        var configuration = PostgresClient.Configuration(
            host: host, port: port, username: username, password: password, database: database, tls: tls)
        configuration.options.maximumConnections = maximumConnections
        return configuration
    }

    /// A configuration for one connection outside any pool (the availability probe's), giving up on
    /// connecting after `connectTimeout`; throws when the TLS settings cannot be used (a root
    /// certificate file that does not parse).
    public func connectionConfiguration(connectTimeout: Duration) throws -> PostgresConnection.Configuration {
        let tls: PostgresConnection.Configuration.TLS
        switch (sslMode, tlsConfiguration) {
        case (.prefer, let settings?): tls = .prefer(try NIOSSLContext(configuration: settings))
        case (_, let settings?): tls = .require(try NIOSSLContext(configuration: settings))
        case (_, nil): tls = .disable
        }
        var configuration = PostgresConnection.Configuration(
            host: host, port: port, username: username, password: password, database: database, tls: tls)
        configuration.options.connectTimeout = TimeAmount.milliseconds(
            Int64(connectTimeout.components.seconds * 1000 + connectTimeout.components.attoseconds / 1_000_000_000_000_000))
        return configuration
    }
}
