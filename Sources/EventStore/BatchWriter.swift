import Events
import Foundation
import Logging
import PostgresNIO

/// Commits a batch of appends in one transaction under the append lock. If the database refuses the
/// batch, each request is retried alone so that one bad request cannot fail its neighbours.
struct BatchWriter: Sendable {
    /// The advisory lock key that serialises appends ("ledger" in ASCII).
    static let appendLockKey: Int64 = 0x6C65_6467_6572

    let client: PostgresClient
    let logger: Logger
    let now: @Sendable () -> Timestamp

    func commit(_ batch: [PreparedAppend]) async -> [GroupCommitQueue.Outcome] {
        do {
            return try await commitTogether(batch)
        } catch {
            guard batch.count > 1 else { return [.failure(StorageFailure.map(error))] }
            logger.warning("batch of \(batch.count) appends refused, retrying one by one", metadata: ["error": "\(error)"])
            var outcomes: [GroupCommitQueue.Outcome] = []
            for append in batch {
                do {
                    outcomes.append(contentsOf: try await commitTogether([append]))
                } catch {
                    outcomes.append(.failure(StorageFailure.map(error)))
                }
            }
            return outcomes
        }
    }

    /// Four round trips per batch: BEGIN, the lock, one read of everything the planner needs, one
    /// statement that writes events, idempotency keys and the notification (then COMMIT). The lock must
    /// be its own statement: a statement's snapshot is taken before it would wait for the lock.
    private func commitTogether(_ batch: [PreparedAppend]) async throws -> [GroupCommitQueue.Outcome] {
        try await client.withTransaction(logger: logger) { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(\(Self.appendLockKey))", logger: logger)
            let facts = try await readFacts(
                streams: Set(batch.map(\.request.stream)), keys: batch.compactMap(\.request.idempotency), connection)
            var planner = AppendPlanner(head: facts.head, versions: facts.versions, keys: facts.keys, now: now())
            let outcomes = batch.map { planner.plan($0) }
            try await write(planner, connection)
            return outcomes
        }
    }
}
