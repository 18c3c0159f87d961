import ArgumentParser
import Foundation

/// Why a command cannot start, told in one line with an exit code of its own (documented in
/// docs/operations.md, "Exit codes"), so an operator or a supervisor can tell the kinds apart.
enum StartupFailure: Error, Sendable, CustomStringConvertible {
    /// A migration that ran was changed since, or the database has one this binary does not ship.
    case migrationHistory(String)
    /// Migrations are pending (`serve` refuses; `migrate --status` reports it).
    case migrationsPending([String])
    /// The database named in `DATABASE_URL` does not exist (SQLSTATE 3D000).
    case databaseMissing(database: String, server: String)
    /// The server refused the user name or password (SQLSTATE 28P01 or 28000).
    case authenticationRefused(user: String, server: String, detail: String)
    /// Nothing answered at the address: refused, timed out, or the name does not resolve.
    case unreachable(server: String, detail: String)
    /// TLS was required but could not be set up, or the server's certificate was not trusted.
    case tls(server: String, detail: String)
    /// The server answered but refused the connection for another reason.
    case refused(server: String, detail: String)

    /// The process exit code for this kind of failure.
    var exitCode: Int32 {
        switch self {
        case .migrationHistory: 2
        case .migrationsPending: 3
        case .databaseMissing: 4
        case .authenticationRefused: 5
        case .unreachable: 6
        case .tls: 7
        case .refused: 8
        }
    }

    var description: String {
        switch self {
        case .migrationHistory(let detail):
            return detail
        case .migrationsPending(let pending):
            return "the database is behind by \(pending.count) migration(s) (\(pending.joined(separator: ", "))): "
                + "run `opinion-ledger migrate` first"
        case .databaseMissing(let database, let server):
            return "database \"\(database)\" does not exist on \(server): create it or fix DATABASE_URL"
        case .authenticationRefused(let user, let server, let detail):
            return "\(server) refused user \"\(user)\" (\(detail)): check the user name and password in DATABASE_URL"
        case .unreachable(let server, let detail):
            return "cannot reach PostgreSQL at \(server) (\(detail)): is it running, and are host and port right?"
        case .tls(let server, let detail):
            return "TLS to \(server) failed (\(detail)): check sslmode and sslrootcert in DATABASE_URL"
        case .refused(let server, let detail):
            return "\(server) refused the connection (\(detail))"
        }
    }

    /// Writes the one line to standard error and ends the command with this failure's exit code.
    func exit() -> ExitCode {
        FileHandle.standardError.write(Data("opinion-ledger: cannot start: \(self)\n".utf8))
        return ExitCode(exitCode)
    }
}
