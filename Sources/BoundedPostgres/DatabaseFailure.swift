import NIOCore
import PostgresNIO

/// Sorts database failures for the HTTP layer, which does not see PostgresNIO's types.
public enum DatabaseFailure {
    /// Whether `error` says the database could not be reached or went away (a lost or refused
    /// connection, a pool shut down, the server shutting down or out of connections), as opposed to
    /// the database refusing what was sent or a fault in the service.
    public static func meansUnavailable(_ error: any Error) -> Bool {
        switch error {
        case is BoundFailure:
            return true
        case let error as PostgresTransactionError:
            return [error.beginError, error.closureError, error.commitError].compactMap { $0 }.contains(where: meansUnavailable)
        case let error as PSQLError:
            if let state = error.serverInfo?[.sqlState] { return ["08", "53", "57"].contains(String(state.prefix(2))) }
            return [.clientClosedConnection, .serverClosedConnection, .connectionError, .uncleanShutdown, .poolClosed]
                .contains(error.code)
        case let error as ChannelError:
            return [.ioOnClosedChannel, .alreadyClosed, .eof, .outputClosed, .inputClosed].contains(error)
        default:
            return false
        }
    }
}
