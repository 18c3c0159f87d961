import Events
import PostgresNIO

/// Turns database failures into the store's own error, unwrapping transaction wrappers first.
enum StorageFailure {
    static func map(_ error: any Error) -> EventStoreError {
        if let error = error as? EventStoreError { return error }
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
