/// Why work on the database did not finish within its bounds.
public enum BoundFailure: Error, CustomStringConvertible {
    /// The pool lent no connection within the bound: the database is unreachable or saturated.
    case noConnection(Duration)
    /// The connection closed while the work was using it (the server restarted or went away).
    case connectionLost
    /// The work did not finish within the bound; its connection was closed.
    case transactionTimedOut(Duration)

    public var description: String {
        switch self {
        case .noConnection(let limit): return "no database connection within \(limit)"
        case .connectionLost: return "the database connection closed during the work"
        case .transactionTimedOut(let limit): return "the database work did not finish within \(limit)"
        }
    }
}
