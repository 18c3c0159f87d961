import BoundedPostgres
import Events
import Foundation
import Logging
import Metrics
import PostgresNIO
import Projections

/// Commits a batch of appends in one transaction under the append lock. If the database refuses the
/// batch, each request is retried alone so that one bad request cannot fail its neighbours; if the
/// database cannot be reached (no connection in time, the connection lost, the commit timed out),
/// the whole batch fails at once as unavailable: a retry one by one would only wait again.
///
/// Every batch finishes or fails within `bounds.lease + bounds.transaction` (twice that when a
/// refused batch is retried alone). When a connection is lost or timed out during COMMIT, the
/// outcome is unknown to the writer: the append may have committed, so callers retry with their
/// `Idempotency-Key`, which answers the original result if it did.
struct BatchWriter: Sendable {
    /// The advisory lock key that serialises appends ("ledger" in ASCII).
    static let appendLockKey = InlineProjections.appendLockKey

    /// Where the database's client comes from: read at each use, so a client replaced after an
    /// outage (the server's `LedgerDatabase`) is picked up at once.
    let clients: @Sendable () -> PostgresClient
    var client: PostgresClient { clients() }
    let logger: Logger
    let now: @Sendable () -> Timestamp
    var bounds = CommitBounds()
    /// The read models applied inside each batch's transaction, before COMMIT.
    var inline: [any Projection] = InlineProjections.standard

    func commit(_ batch: [PreparedAppend]) async -> [GroupCommitQueue.Outcome] {
        let start = ContinuousClock.now
        let outcomes = await commitOrRefuse(batch)
        AppendMetrics.record(batch: batch.count, outcomes: outcomes, took: ContinuousClock.now - start)
        return outcomes
    }

    private func commitOrRefuse(_ batch: [PreparedAppend]) async -> [GroupCommitQueue.Outcome] {
        do {
            return try await commitTogether(batch)
        } catch {
            if StorageFailure.isUnavailability(error) {
                logger.warning("batch of \(batch.count) appends failed: database unavailable", metadata: ["error": "\(error)"])
                return Array(repeating: .failure(StorageFailure.map(error)), count: batch.count)
            }
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

    /// The outcome to give every append queued behind `outcomes` when they show that no connection
    /// could be had: the queued appends would wait for the same pool.
    func shedding(_ outcomes: [GroupCommitQueue.Outcome]) -> GroupCommitQueue.Outcome? {
        let unreachable = EventStoreError.storageUnavailable(StorageFailure.noConnection(bounds.lease).description)
        guard case .failure(let error)? = outcomes.first, error == unreachable else { return nil }
        return .failure(error)
    }

    /// Applies the batch's events to the inline read models (nothing when none reads their types).
    private func applyInline(_ rows: [AppendPlanner.EventRow], _ connection: PostgresConnection) async throws {
        let wanted = Set(inline.flatMap(\.eventTypes))
        let rows = rows.filter { wanted.contains($0.type) }
        guard !rows.isEmpty else { return }
        let events = try rows.map { row -> RecordedEvent in
            guard let stream = StreamID(row.streamId) else { throw EventStoreError.invalidAppend(field: "stream", reason: row.streamId) }
            return RecordedEvent(
                position: row.position, id: row.id, streamId: stream, streamVersion: row.streamVersion, type: row.type,
                schemaVersion: row.schemaVersion, data: try JSONValue.parse(row.data.utf8),
                metadata: try JSONValue.parse(row.metadata.utf8).decode(as: EventMetadata.self), recordedAt: row.recorded,
                previousHash: row.previousHash, hash: row.hash)
        }
        try await InlineProjections.apply(events, to: inline, on: connection, logger: logger)
    }

    /// Four round trips per batch: BEGIN, the lock, one read of everything the planner needs, one
    /// statement that writes events, idempotency keys and the notification (then COMMIT). The lock must
    /// be its own statement: a statement's snapshot is taken before it would wait for the lock.
    ///
    /// The transaction is `boundedTransaction`'s rather than `PostgresClient.withTransaction`, which
    /// sends `ROLLBACK` on a connection that may already be closed (and such a query never completes);
    /// a closed connection is never written to again, and the bounds hold for the whole of it.
    private func commitTogether(_ batch: [PreparedAppend]) async throws -> [GroupCommitQueue.Outcome] {
        let logger = logger
        let now = now
        let limits = QueryBounds(lease: bounds.lease, work: bounds.transaction)
        return try await client.boundedTransaction(limits, logger: logger) { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(\(Self.appendLockKey))", logger: logger)
            let facts = try await readFacts(
                streams: Set(batch.map(\.request.stream)), keys: batch.compactMap(\.request.idempotency),
                conditions: Set(batch.flatMap(\.request.conditions)), connection)
            var planner = AppendPlanner(
                head: facts.head, versions: facts.versions, keys: facts.keys, lastMatching: facts.lastMatching, now: now())
            let outcomes = batch.map { planner.plan($0) }
            try await write(planner, connection)
            try await applyInline(planner.eventRows, connection)
            return outcomes
        }
    }
}
