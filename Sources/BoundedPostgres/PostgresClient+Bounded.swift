import Logging
import PostgresNIO

/// How long one piece of database work may wait for a connection, and then run on it.
public struct QueryBounds: Sendable, Hashable {
    /// How long to wait for the pool to lend a connection.
    public var lease: Duration
    /// How long the work may take on its connection (every row read, for a query).
    public var work: Duration

    /// Creates bounds.
    public init(lease: Duration, work: Duration) {
        self.lease = lease
        self.work = work
    }

    /// The bounds of the reads that answer requests and keep read models: generous, so that a busy
    /// database is waited for, but never forever. (While the database is gone the HTTP layer answers
    /// 503 at once, whatever these are.)
    public static let reads = QueryBounds(lease: .seconds(10), work: .seconds(30))
}

extension PostgresClient {
    /// Runs `work` on a leased connection within `bounds`: a connection that closes under it (a
    /// restarted server) fails it at once with `BoundFailure.connectionLost`, instead of leaving it
    /// waiting for an answer that never comes (PostgresNIO 1.33 drops a query written to a channel
    /// that has just closed without ever completing it). Read rows inside `work`.
    package func bounded<T: Sendable>(
        _ bounds: QueryBounds = .reads, _ work: @escaping @Sendable (PostgresConnection) async throws -> T
    ) async throws -> T {
        try await withConnection(leasedWithin: bounds.lease) { connection in
            try await ConnectionRace.run(on: connection, within: bounds.work, work)
        }
    }

    /// Runs `body` in a transaction of its own on a leased connection within `bounds`: BEGIN, then
    /// `body`, then COMMIT; on failure ROLLBACK, but only on a connection still open (PostgresNIO's
    /// `withTransaction` writes ROLLBACK to a closed connection, and that query never completes).
    package func boundedTransaction<T: Sendable>(
        _ bounds: QueryBounds = .reads, logger: Logger, _ body: @escaping @Sendable (PostgresConnection) async throws -> T
    ) async throws -> T {
        try await bounded(bounds) { connection in
            try await connection.query("BEGIN", logger: logger)
            do {
                let value = try await body(connection)
                try await connection.query("COMMIT", logger: logger)
                return value
            } catch {
                if !connection.isClosed { _ = try? await connection.query("ROLLBACK", logger: logger) }
                throw error
            }
        }
    }
}
