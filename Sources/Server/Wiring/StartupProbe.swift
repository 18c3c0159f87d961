import EventStore
import Events
import Foundation
import Logging
import PostgresNIO

/// Before a command builds its connection pool (which retries a refused connection for ever), one
/// connection of its own tells within seconds whether the database can be used, and if not, why.
enum StartupProbe {
    /// How long the probe's connection may take, TCP, TLS and authentication together.
    static let connectTimeout: Duration = .seconds(3)

    /// Connects once, runs `SELECT 1` and closes; throws the `StartupFailure` that says why not.
    static func check(_ url: DatabaseURL, timeout: Duration = connectTimeout) async throws(StartupFailure) {
        let configuration: PostgresConnection.Configuration
        do {
            configuration = try url.connectionConfiguration(connectTimeout: timeout)
        } catch {
            throw .tls(server: url.server, detail: "\(error)")
        }
        // The probe's failure is told once, by the caller; PostgresNIO's own lines would only repeat it.
        let quiet = Logger(label: "opinion-ledger.startup-probe", factory: { _ in SwiftLogNoOpLogHandler() })
        let outcome = await FirstOutcome<Result<Void, any Error>>.value(
            within: timeout + .seconds(1), orElse: .failure(ChannelError.connectTimeout(TimeAmount(timeout)))
        ) {
            do {
                let connection = try await PostgresConnection.connect(configuration: configuration, id: 0, logger: quiet)
                do {
                    try await connection.query("SELECT 1", logger: quiet)
                } catch {
                    try? await connection.close()
                    throw error
                }
                try? await connection.close()
                return .success(())
            } catch {
                return .failure(error)
            }
        }
        if case .failure(let error) = outcome { throw classify(error, url: url) }
    }

    /// The kind of start-up failure `error` (from connecting to `url`) is.
    static func classify(_ error: any Error, url: DatabaseURL) -> StartupFailure {
        let server = url.server
        switch error {
        case let error as PSQLError:
            if let state = error.serverInfo?[.sqlState] {
                let message = error.serverInfo?[.message] ?? "SQLSTATE \(state)"
                switch state {
                case "3D000": return .databaseMissing(database: url.database, server: server)
                case "28P01", "28000": return .authenticationRefused(user: url.username, server: server, detail: message)
                case _ where state.hasPrefix("08") || state.hasPrefix("53") || state.hasPrefix("57"):
                    return .unreachable(server: server, detail: "\(message), SQLSTATE \(state)")
                default: return .refused(server: server, detail: "\(message), SQLSTATE \(state)")
                }
            }
            switch error.code {
            case .sslUnsupported:
                return .tls(server: server, detail: "the server does not offer TLS, and sslmode=\(url.sslMode.rawValue) requires it")
            case .failedToAddSSLHandler:
                return .tls(server: server, detail: "the TLS settings could not be used: \(describe(error.underlying))")
            case .unsupportedAuthMechanism, .authMechanismRequiresPassword, .saslError:
                return .authenticationRefused(user: url.username, server: server, detail: "\(error.code)")
            default:
                if let underlying = error.underlying { return classify(underlying, url: url) }
                if error.code == .serverClosedConnection {
                    return .unreachable(
                        server: server, detail: "the connection closed before PostgreSQL answered: no route to it, or not PostgreSQL")
                }
                return .unreachable(server: server, detail: "\(error.code)")
            }
        case let error as NIOSSLExtraError where error == .failedToValidateHostname:
            return .tls(server: server, detail: "the server's certificate is not for \"\(url.host)\" (sslmode=verify-full)")
        case is NIOSSLError, is BoringSSLError, is NIOSSLExtraError:
            let text = describe(error)
            if text.contains("CERTIFICATE_VERIFY_FAILED") {
                return .tls(
                    server: server,
                    detail:
                        "the server's certificate is not signed by \(url.sslRootCert ?? "a trusted root") (sslmode=\(url.sslMode.rawValue))"
                )
            }
            return .tls(server: server, detail: text)
        case let error as ChannelError:
            if case .connectTimeout = error { return .unreachable(server: server, detail: "no answer within \(timeoutText)") }
            return .unreachable(server: server, detail: "\(error)")
        case let error as NIOConnectionError:
            if let failure = error.connectionErrors.first { return classify(failure.error, url: url) }
            return .unreachable(server: server, detail: "the host name \"\(url.host)\" does not resolve")
        case let error as IOError:
            if error.errnoCode == ECONNREFUSED {
                return .unreachable(server: server, detail: "connection refused: nothing listens there")
            }
            return .unreachable(server: server, detail: error.description)
        default:
            return .unreachable(server: server, detail: describe(error))
        }
    }

    private static var timeoutText: String { "\(connectTimeout.components.seconds) s" }

    private static func describe(_ error: (any Error)?) -> String {
        guard let error else { return "no detail" }
        return String(describing: error).replacingOccurrences(of: "\n", with: " ")
    }
}

extension DatabaseURL {
    /// `host:port`, as start-up failures name the server.
    var server: String { "\(host):\(port)" }
}
