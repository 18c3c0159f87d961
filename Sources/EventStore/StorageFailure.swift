import BoundedPostgres
import Events
import PostgresNIO

/// The store's name for the bounds' failures (no connection in time, the connection lost, a
/// transaction timed out), with the mapping of every database failure to the store's own error.
typealias StorageFailure = BoundFailure

extension BoundFailure {
    /// Whether the failure says the database cannot be reached right now (as opposed to the database
    /// refusing what was sent): retrying requests one by one would only wait again.
    static func isUnavailability(_ error: any Error) -> Bool {
        // Beyond what the HTTP layer calls unavailable: any client-side PostgresNIO failure (no
        // server answer) and a cancelled batch.
        if DatabaseFailure.meansUnavailable(error) || error is CancellationError { return true }
        if let error = error as? PostgresTransactionError {
            return [error.beginError, error.closureError, error.commitError].compactMap { $0 }.contains(where: isUnavailability)
        }
        if let error = error as? PSQLError { return error.serverInfo?[.sqlState] == nil }
        return false
    }

    static func map(_ error: any Error) -> EventStoreError {
        if let error = error as? EventStoreError { return error }
        if let error = error as? StorageFailure { return .storageUnavailable(error.description) }
        if let error = error as? PostgresTransactionError {
            if let closureError = error.closureError { return map(closureError) }
            if let beginError = error.beginError { return map(beginError) }
            if let commitError = error.commitError { return map(commitError) }
        }
        if let error = error as? PSQLError {
            let message = error.serverInfo?[.message] ?? "\(error.code)"
            return .storageUnavailable(message)
        }
        return .storageUnavailable(String(describing: error))
    }
}
