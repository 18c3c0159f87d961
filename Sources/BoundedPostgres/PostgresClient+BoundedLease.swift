import PostgresNIO
import Synchronization

extension PostgresClient {
    /// Leases a connection for `body`, failing with `BoundFailure.noConnection` if the pool cannot
    /// lend one within `limit` (the database is down and the pool is retrying, or every connection is
    /// busy). Only the wait for the lease is bounded; `body` bounds itself. Exactly one of the two
    /// happens: `body` runs, or the lease times out (a connection lent just too late is not used).
    package func withConnection<T: Sendable>(
        leasedWithin limit: Duration, _ body: @escaping @Sendable (PostgresConnection) async throws -> T
    ) async throws -> T {
        let state = LeaseState()
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask {
                try await self.withConnection { connection in
                    guard state.settle(.leased) else {
                        throw BoundFailure.noConnection(limit)
                    }
                    return try await body(connection)
                }
            }
            group.addTask {
                try await Task.sleep(for: limit)
                guard state.settle(.timedOut) else { return nil }
                throw BoundFailure.noConnection(limit)
            }
            defer { group.cancelAll() }
            while let next = try await group.next() {
                if let value = next { return value }
            }
            throw BoundFailure.noConnection(limit)
        }
    }
}

/// Which came first for one lease: the connection or the time limit.
private final class LeaseState: Sendable {
    enum Outcome { case leased, timedOut }
    private let outcome = Mutex<Outcome?>(nil)

    /// Records `value` if nothing came first; true if it did.
    func settle(_ value: Outcome) -> Bool {
        outcome.withLock { outcome in
            guard outcome == nil else { return false }
            outcome = value
            return true
        }
    }
}
