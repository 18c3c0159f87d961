/// How long one batch of appends may wait, so that every batch finishes or fails within a bound
/// (a connection that dies mid-transaction, a database that is down, a lock that never comes).
public struct CommitBounds: Sendable, Hashable {
    /// How long a batch waits for a connection from the pool. Past it the database is taken to be
    /// unreachable (or saturated) and the batch and everything queued behind it fail as unavailable.
    public var lease: Duration
    /// How long a batch's transaction (BEGIN to COMMIT) may take on its connection. Past it the
    /// connection is closed, so the server rolls the transaction back and the pool replaces it.
    public var transaction: Duration

    /// Creates bounds. A lost connection is noticed when it closes, whatever the bounds; the
    /// transaction bound is for a connection that stays open but never answers, and is generous so
    /// that a busy but healthy database (appends queue for the append lock) is never cut off.
    public init(lease: Duration = .seconds(10), transaction: Duration = .seconds(30)) {
        self.lease = lease
        self.transaction = transaction
    }
}
