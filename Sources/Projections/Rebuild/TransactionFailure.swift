import PostgresNIO

/// `withTransaction` wraps what its closure threw in `PostgresTransactionError`; operators and
/// callers want the error itself.
enum TransactionFailure {
    /// The closure's error when `error` is a transaction wrapper around one, else `error`.
    static func unwrapped(_ error: any Error) -> any Error {
        if let wrapped = error as? PostgresTransactionError, let inner = wrapped.closureError { return unwrapped(inner) }
        return error
    }
}
