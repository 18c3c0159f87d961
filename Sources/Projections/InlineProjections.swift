import BoundedPostgres
import Events
import Logging
import PostgresNIO

/// The read models the event store applies inside each append transaction, before COMMIT, so a
/// decision never reads a model older than the log it appends to (DESIGN, "Projections: the read
/// path"). A batch with none of a model's event types costs that model nothing.
///
/// Their checkpoints move with each batch that carries their events, so the checkpoint is the
/// position of the last event applied; `catchUp` applies whatever a model has not seen (the log
/// that existed before the model's migration) under the append lock.
public enum InlineProjections {
    /// The advisory lock key that serialises appends ("ledger" in ASCII); inline models are written
    /// under it, and their catch-up and rebuild swap take it too.
    public static let appendLockKey: Int64 = 0x6C65_6467_6572

    /// Every inline read model.
    public static var standard: [any Projection] {
        [UnitTreeProjection(), ObligationCatalogProjection(), DutyProjection(), MergeLinksProjection(), IncidentHistoryProjection()]
    }

    /// Applies `events` (a batch being appended, in position order) to each inline model that reads
    /// any of them, and moves that model's checkpoint, on the append transaction's connection.
    public static func apply(
        _ events: [RecordedEvent], to projections: [any Projection], on connection: PostgresConnection, logger: Logger
    ) async throws {
        for projection in projections {
            let types = Set(projection.eventTypes)
            let relevant = types.isEmpty ? events : events.filter { types.contains($0.type) }
            guard let last = relevant.last else { continue }
            try await projection.apply(relevant, on: connection, logger: logger)
            try await ProjectionCheckpoints.move(projection.name, to: last.position, on: connection, logger: logger)
        }
    }

    /// Applies to each inline model the events of its types after its checkpoint, in one transaction
    /// holding the append lock (so nothing is appended meanwhile). Run at start-up: after the
    /// migration that creates a model, this folds the existing log into it once. Returns how many
    /// events were applied.
    @discardableResult
    public static func catchUp(
        _ projections: [any Projection] = standard, store: any EventStore, client: PostgresClient, logger: Logger
    ) async throws -> Int {
        var applied = 0
        for projection in projections where projection.isInline {
            applied += try await client.withConnection { connection in
                try await connection.withTransaction(logger: logger) { connection in
                    try await connection.query("SELECT pg_advisory_xact_lock(\(appendLockKey))", logger: logger)
                    var cursor = try await ProjectionCheckpoints.lock(projection.name, on: connection, logger: logger)
                    var count = 0
                    while true {
                        let page = try await store.readAll(after: cursor, limit: 5_000, filter: EventFilter(types: projection.eventTypes))
                        if !page.events.isEmpty {
                            try await projection.apply(page.events, on: connection, logger: logger)
                            count += page.events.count
                        }
                        guard page.nextAfter > cursor else { break }
                        cursor = page.nextAfter
                    }
                    if count > 0 {
                        try await ProjectionCheckpoints.move(projection.name, to: cursor, on: connection, logger: logger)
                        logger.notice(
                            "inline read model caught up with the log",
                            metadata: ["projection": "\(projection.name)", "events": "\(count)"])
                    }
                    return count
                }
            }
        }
        return applied
    }
}
