import EventStore
import Foundation
import LedgerTestSupport
import PostgresNIO
import Testing

/// `sslmode` and `sslrootcert` as libpq means them, against a PostgreSQL with a certificate signed by
/// a CA of its own (`scripts/postgres.sh start-tls`, which scripts/test starts): each mode connects
/// or refuses as documented (docs/operations.md, "TLS to PostgreSQL"), and a connection that should
/// be encrypted is, as the server itself reports in `pg_stat_ssl`.
@Suite struct PostgresTLSTests {
    /// The TLS server's admin URL and its CA certificate; the tests fail (never skip) without them.
    static func tlsServer() throws -> (admin: DatabaseURL, rootCert: String) {
        let environment = ProcessInfo.processInfo.environment
        guard let text = environment["TEST_TLS_DATABASE_URL"], let rootCert = environment["TEST_TLS_ROOT_CERT"] else {
            throw SetupError(
                "TEST_TLS_DATABASE_URL and TEST_TLS_ROOT_CERT are not set: run scripts/test, or start the TLS server with "
                    + "`scripts/postgres.sh start-tls tls` and set TEST_TLS_DATABASE_URL to the URL it prints and "
                    + "TEST_TLS_ROOT_CERT to the path `scripts/postgres.sh ca tls` prints")
        }
        return (try DatabaseURL(text), rootCert)
    }

    /// A migrated database of its own on the server `admin` names, dropped afterwards.
    static func withDatabase(on admin: DatabaseURL, _ body: @Sendable (String) async throws -> Void) async throws {
        let name = "olt_tls_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(12)
        try await TestDatabase.withClient(admin, maximumConnections: 1) { client in
            try await client.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"))
        }
        do {
            try await TestDatabase.withClient(admin.with(database: name), maximumConnections: 1) { client in
                var logger = Logger(label: "test")
                logger.logLevel = .warning
                try await Migrator(client: client, logger: logger).migrate()
            }
            try await body(name)
        } catch {
            _ = try? await dropDatabase(name, on: admin)
            throw error
        }
        try await dropDatabase(name, on: admin)
    }

    static func dropDatabase(_ name: String, on admin: DatabaseURL) async throws {
        try await TestDatabase.withClient(admin, maximumConnections: 1) { client in
            try await client.query(PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)"))
        }
    }

    static func url(_ admin: DatabaseURL, host: String? = nil, database: String, _ query: String) -> String {
        "postgres://\(admin.username)@\(host ?? admin.host):\(admin.port)/\(database)?\(query)"
    }

    /// The server's own view of the connections to `database`: how many, and how many use TLS.
    static func connections(to database: String, on admin: DatabaseURL) async throws -> (all: Int, encrypted: Int) {
        try await TestDatabase.withClient(admin, maximumConnections: 1) { client in
            let rows = try await client.query(
                """
                SELECT count(*)::int, (count(*) FILTER (WHERE s.ssl))::int
                FROM pg_stat_ssl s JOIN pg_stat_activity a USING (pid) WHERE a.datname = \(database)
                """)
            for try await (all, encrypted) in rows.decode((Int, Int).self) { return (all, encrypted) }
            return (0, 0)
        }
    }

    /// Serves with `databaseURL` until ready; returns what the server reports of its connections.
    static func serve(
        _ databaseURL: String, database: String, admin: DatabaseURL, extra: [String: String] = [:]
    ) async throws -> (all: Int, encrypted: Int) {
        var environment = ProcessInfo.processInfo.environment
        environment["DATABASE_URL"] = databaseURL
        environment["LOG_LEVEL"] = "warning"
        environment.merge(extra) { $1 }
        let server = try RunningServer(environment: environment)
        do {
            try await server.waitUntilReady()
        } catch {
            let log = (try? server.log.contents()) ?? ""
            _ = await server.terminate()
            throw SetupError("serve with \(databaseURL) did not become ready: \(error); log: \(log)")
        }
        let seen = try await connections(to: database, on: admin)
        #expect(await server.terminate() == 0)
        return seen
    }

    /// A command's exit and its one line, with `databaseURL`.
    static func run(_ arguments: [String], _ databaseURL: String, extra: [String: String] = [:]) async throws -> LedgerProcess.Output {
        var environment = ProcessInfo.processInfo.environment
        environment["DATABASE_URL"] = databaseURL
        environment["LOG_LEVEL"] = "warning"
        environment.removeValue(forKey: "PGSSLROOTCERT")
        environment.removeValue(forKey: "PGSSLMODE")
        environment.merge(extra) { $1 }
        let output = try await LedgerProcess.run(arguments, environment: environment)
        print("\(databaseURL): exit \(output.status) \(output.stderr.trimmingCharacters(in: .whitespacesAndNewlines))")
        return output
    }

    /// A CA of its own that signed nothing the server has (made with openssl in a temporary folder).
    static func withOtherCA(_ body: (String) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("opinion-ledger-ca-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(at: folder) }
        let certificate = folder.appendingPathComponent("other-ca.crt").path
        let made = try await LedgerProcess.run(
            executable: URL(fileURLWithPath: "/usr/bin/env"),
            [
                "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=another CA",
                "-keyout", folder.appendingPathComponent("other-ca.key").path, "-out", certificate,
            ],
            environment: ProcessInfo.processInfo.environment)
        guard made.status == 0 else { throw SetupError("openssl could not make a CA: \(made.stderr)") }
        try await body(certificate)
    }

    /// Modes that connect to the TLS server, and whether the connection is encrypted.
    @Test(arguments: [
        ("sslmode=disable", "127.0.0.1", false),
        ("sslmode=prefer", "127.0.0.1", true),
        ("sslmode=require", "127.0.0.1", true),
        ("sslmode=require&sslrootcert=CA", "127.0.0.1", true),
        ("sslmode=verify-ca&sslrootcert=CA", "127.0.0.1", true),
        ("sslmode=verify-ca&sslrootcert=CA", "127.0.0.2", true),
        ("sslmode=verify-full&sslrootcert=CA", "127.0.0.1", true),
        ("sslmode=verify-full&sslrootcert=CA", "localhost", true),
    ])
    func connectsToTheTLSServer(query: String, host: String, encrypted: Bool) async throws {
        let (admin, rootCert) = try Self.tlsServer()
        try await Self.withDatabase(on: admin) { database in
            let url = Self.url(admin, host: host, database: database, query.replacingOccurrences(of: "=CA", with: "=\(rootCert)"))
            let seen = try await Self.serve(url, database: database, admin: admin)
            print("\(url): \(seen.all) connection(s), \(seen.encrypted) encrypted")
            #expect(seen.all > 0, "serve holds connections to its database")
            #expect(seen.encrypted == (encrypted ? seen.all : 0), "\(query) at \(host): \(seen)")
        }
    }

    @Test func theRootCertificateFromPGSSLROOTCERT() async throws {
        let (admin, rootCert) = try Self.tlsServer()
        try await Self.withDatabase(on: admin) { database in
            let url = Self.url(admin, host: "localhost", database: database, "sslmode=verify-full")
            let seen = try await Self.serve(url, database: database, admin: admin, extra: ["PGSSLROOTCERT": rootCert])
            #expect(seen.all > 0 && seen.encrypted == seen.all, "\(seen)")
            let without = try await Self.run(["migrate", "--status"], url)
            #expect(without.status == 1, "verify-full without any root certificate is a configuration error")
            #expect(without.stderr.contains("needs the root certificate"), "\(without.stderr)")
        }
    }

    @Test func aCertificateNotSignedByTheGivenCAIsRefused() async throws {
        let (admin, _) = try Self.tlsServer()
        try await Self.withOtherCA { other in
            for mode in ["verify-ca", "verify-full", "require"] {
                let url = Self.url(admin, database: "postgres", "sslmode=\(mode)&sslrootcert=\(other)")
                let output = try await Self.run(["migrate", "--status"], url)
                #expect(output.status == 7, "\(mode): \(output.stderr)")
                #expect(output.stderr.split(separator: "\n").count == 1, "\(output.stderr)")
                #expect(output.stderr.contains("not signed by \(other)"), "\(mode): \(output.stderr)")
            }
        }
    }

    @Test func verifyFullRefusesANameTheCertificateDoesNotHave() async throws {
        let (admin, rootCert) = try Self.tlsServer()
        let url = Self.url(admin, host: "127.0.0.2", database: "postgres", "sslmode=verify-full&sslrootcert=\(rootCert)")
        let output = try await Self.run(["migrate", "--status"], url)
        #expect(output.status == 7, "\(output.stderr)")
        #expect(output.stderr.split(separator: "\n").count == 1, "\(output.stderr)")
        #expect(output.stderr.contains("not for \"127.0.0.2\""), "\(output.stderr)")
    }

    @Test func aServerWithoutTLS() async throws {
        let admin = try TestDatabase.adminURL()
        let required = try await Self.run(["migrate", "--status"], Self.url(admin, database: "postgres", "sslmode=require"))
        #expect(required.status == 7, "\(required.stderr)")
        #expect(required.stderr.contains("does not offer TLS"), "\(required.stderr)")
        try await Self.withDatabase(on: admin) { database in
            let seen = try await Self.serve(Self.url(admin, database: database, "sslmode=prefer"), database: database, admin: admin)
            #expect(seen.all > 0 && seen.encrypted == 0, "prefer falls back to plain: \(seen)")
        }
    }

    @Test func badTLSSettingsAreAClearErrorAtStart() async throws {
        let (admin, _) = try Self.tlsServer()
        let mode = try await Self.run(["migrate", "--status"], Self.url(admin, database: "postgres", "sslmode=verify"))
        #expect(mode.status == 1)
        #expect(mode.stderr.contains("sslmode must be one of disable, prefer, require, verify-ca, verify-full"), "\(mode.stderr)")
        let missing = try await Self.run(
            ["serve"], Self.url(admin, database: "postgres", "sslmode=verify-ca&sslrootcert=/nonexistent/ca.crt"))
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("/nonexistent/ca.crt does not exist"), "\(missing.stderr)")
    }
}
