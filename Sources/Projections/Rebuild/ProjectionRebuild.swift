import Events
import Logging
import PostgresNIO

/// Rebuilds a projection without downtime: replays the log from position 0 into shadow copies of its
/// tables while the live tables keep answering and the live runner keeps applying, then, in one
/// transaction holding the projection's checkpoint row lock (which the runner takes before every
/// page), applies the last events into the copies, swaps them in and moves the checkpoint to where
/// the copies stand. The runner's next page sees that checkpoint and carries on into the new tables.
public struct ProjectionRebuild: Sendable {
    let projection: any Projection
    let store: any EventStore
    /// Where the database's client comes from: read at each use, so a client replaced after an
    /// outage (the server's `LedgerDatabase`) is picked up at once.
    let clients: @Sendable () -> PostgresClient
    var client: PostgresClient { clients() }
    let logger: Logger
    let pageSize: Int

    /// Creates a rebuild of `projection`; the replay reads `pageSize` events per transaction.
    public init(
        projection: any Projection, store: any EventStore, client: @autoclosure @escaping @Sendable () -> PostgresClient, logger: Logger,
        pageSize: Int = 5_000
    ) {
        self.projection = projection
        self.pageSize = pageSize
        self.store = store
        self.clients = client
        self.logger = logger
    }

    /// Runs the rebuild to the end and returns the position the swapped-in tables stand at.
    /// `started` is called once the lock is held and the rebuild is recorded as running.
    @discardableResult
    public func run(started: @Sendable () -> Void = {}) async throws -> Int64 {
        guard !projection.tables.isEmpty else { throw RebuildError.noTables(projection.name) }
        let name = projection.name
        return try await client.withConnection { connection in
            try await MaintenanceLock.with(name, on: connection, logger: logger) {
                let target = try await store.headPosition()
                try await RebuildRecords.start(name, target: target, on: connection, logger: logger)
                started()
                var shadow = ShadowSchema.rebuild(of: projection)
                do {
                    try await shadow.create(projection: name, on: connection, logger: logger)
                    let position = try await replay(into: shadow, until: target, on: connection)
                    try await shadow.buildDeferredIndexes(on: connection, logger: logger)
                    try await shadow.analyze(on: connection, logger: logger)
                    let final = try await swap(shadow, from: position, on: connection)
                    // The copies are live now; the schema left behind is empty (the next rebuild drops it too).
                    try? await shadow.drop(on: connection, logger: logger)
                    logger.info("projection rebuilt", metadata: ["projection": "\(name)", "position": "\(final)"])
                    return final
                } catch {
                    let error = TransactionFailure.unwrapped(error)
                    logger.error("projection rebuild failed", metadata: ["projection": "\(name)", "error": "\(String(reflecting: error))"])
                    // In a task of its own, so that cleaning up still runs when the rebuild was cancelled.
                    let reason = error is CancellationError ? "cancelled (the server shut down)" : String(describing: error)
                    await Task { [shadow] in
                        try? await shadow.drop(on: connection, logger: logger)
                        try? await RebuildRecords.finish(name, position: 0, error: reason, on: connection, logger: logger)
                    }.value
                    throw error
                }
            }
        }
    }

    /// Replays pages into the copies, each page in its own transaction with the recorded progress,
    /// reading the next page (on another connection of the pool) while the current one is applied:
    /// through the projection's bulk replay when it has one (`RebuildReplay`), else with `apply`.
    private func replay(into shadow: ShadowSchema, until target: Int64, on connection: PostgresConnection) async throws -> Int64 {
        let feed = ProjectionReplay(projection: projection, store: store, logger: logger, pageSize: pageSize)
        guard target > 0 else { return 0 }
        let bulk = projection.rebuildReplay()
        var page = try await feed.read(after: 0)
        while true {
            try Task.checkCancellation()
            let (current, after) = (page, page.cursor)
            let last = after >= target
            async let following = last ? nil : feed.read(after: after)
            let cursor = try await connection.withTransaction(logger: logger) { [current] connection in
                try await shadow.enter(on: connection, logger: logger)
                if let bulk {
                    if !current.events.isEmpty { try await bulk.apply(current.events, on: connection, logger: logger) }
                    if last { try await bulk.finish(on: connection, logger: logger) }
                } else {
                    try await feed.apply(current, on: connection)
                }
                try await RebuildRecords.progress(projection.name, position: current.cursor, on: connection, logger: logger)
                return current.cursor
            }
            guard let next = try await following else { return cursor }
            page = next
        }
    }

    /// The swap: under the checkpoint row lock, catch the copies up with the head, swap, move the checkpoint.
    private func swap(_ shadow: ShadowSchema, from cursor: Int64, on connection: PostgresConnection) async throws -> Int64 {
        let feed = ProjectionReplay(projection: projection, store: store, logger: logger, pageSize: pageSize)
        return try await connection.withTransaction(logger: logger) { connection in
            // An inline model is written by every append: hold appends off while the copies catch up and swap in.
            if projection.isInline {
                try await connection.query("SELECT pg_advisory_xact_lock(\(InlineProjections.appendLockKey))", logger: logger)
            }
            let live = try await ProjectionCheckpoints.lock(projection.name, on: connection, logger: logger)
            let previous = try await shadow.enter(on: connection, logger: logger)
            let position = try await feed.catchUp(from: cursor, on: connection)
            try await shadow.leave(restoring: previous, on: connection, logger: logger)
            // The head only grows and the live checkpoint never passes it, so the copies are at least as far.
            guard position >= live else { throw RebuildError.behindCheckpoint(projection.name, copy: position, live: live) }
            try await TableSwap.swap(shadow, on: connection, logger: logger)
            try await ProjectionCheckpoints.move(projection.name, to: position, on: connection, logger: logger)
            try await RebuildRecords.finish(projection.name, position: position, error: nil, on: connection, logger: logger)
            return position
        }
    }
}
