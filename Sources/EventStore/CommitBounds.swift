/// How long one batch of appends may wait, so that every batch finishes or fails within a bound
/// (a connection that dies mid-transaction, a database that is down, a lock that never comes).
public struct CommitBounds: Sendable, Hashable {
    /// How long a batch waits for a connection from the pool. Past it the database is taken to be
    /// unreachable (or saturated) and the batch and everything queued behind it fail as unavailable.
    public var lease: Duration
    /// How long a batch's transaction (BEGIN to COMMIT) may take on its connection. Past it the
    /// connection is closed, so the server rolls the transaction back and the pool replaces it.
    public var transaction: Duration

    /// Creates bounds; the defaults answer within 2 s while the database is unreachable.
    public init(lease: Duration = .milliseconds(1500), transaction: Duration = .seconds(5)) {
        self.lease = lease
        self.transaction = transaction
    }
}
