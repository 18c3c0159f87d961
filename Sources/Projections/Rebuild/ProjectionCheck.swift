import Events
import Logging
import PostgresNIO

/// The determinism check (DESIGN invariant 6): replays the whole log into a scratch copy of a
/// projection's tables, then, holding the checkpoint row lock so the live runner pauses, brings
/// the live tables and the copy to the same position and compares them row by row.
public struct ProjectionCheck: Sendable {
    let projection: any Projection
    let store: any EventStore
    /// Where the database's client comes from: read at each use, so a client replaced after an
    /// outage (the server's `LedgerDatabase`) is picked up at once.
    let clients: @Sendable () -> PostgresClient
    var client: PostgresClient { clients() }
    let logger: Logger

    /// Creates a check of `projection`.
    public init(
        projection: any Projection, store: any EventStore, client: @autoclosure @escaping @Sendable () -> PostgresClient, logger: Logger
    ) {
        self.projection = projection
        self.store = store
        self.clients = client
        self.logger = logger
    }

    /// Runs the check; the scratch copy is dropped afterwards whatever the outcome.
    public func run() async throws -> ProjectionCheckReport {
        guard !projection.tables.isEmpty else { throw RebuildError.noTables(projection.name) }
        let feed = ProjectionReplay(projection: projection, store: store, logger: logger)
        return try await client.withConnection { connection in
            try await MaintenanceLock.with(projection.name, on: connection, logger: logger) {
                var scratch = ShadowSchema.scratch(of: projection)
                do {
                    try await scratch.create(projection: projection.name, on: connection, logger: logger)
                    // Most of the replay happens without blocking the live runner, a page per transaction.
                    var replayed: Int64 = 0
                    var done = false
                    while !done {
                        (replayed, done) = try await connection.withTransaction(logger: logger) { [scratch, replayed] connection in
                            try await scratch.enter(on: connection, logger: logger)
                            return try await feed.applyPage(after: replayed, on: connection)
                        }
                    }
                    let report = try await connection.withTransaction(logger: logger) { [scratch] connection in
                        try await compare(scratch, replayed: replayed, feed: feed, on: connection)
                    }
                    try await scratch.drop(on: connection, logger: logger)
                    return report
                } catch {
                    try? await scratch.drop(on: connection, logger: logger)
                    throw TransactionFailure.unwrapped(error)
                }
            }
        }
    }

    /// Under the checkpoint lock: both sides to one position, then the comparison.
    private func compare(
        _ scratch: ShadowSchema, replayed: Int64, feed: ProjectionReplay, on connection: PostgresConnection
    ) async throws -> ProjectionCheckReport {
        // An inline model is written by every append: hold appends off while the two are compared.
        if projection.isInline {
            try await connection.query("SELECT pg_advisory_xact_lock(\(InlineProjections.appendLockKey))", logger: logger)
        }
        let checkpoint = try await ProjectionCheckpoints.lock(projection.name, on: connection, logger: logger)
        let position = max(checkpoint, replayed)
        let live = try await feed.catchUp(from: checkpoint, to: position, on: connection)
        try await ProjectionCheckpoints.move(projection.name, to: live, on: connection, logger: logger)
        let previous = try await scratch.enter(on: connection, logger: logger)
        _ = try await feed.catchUp(from: replayed, to: position, on: connection)
        try await scratch.leave(restoring: previous, on: connection, logger: logger)
        var liveDigests: [String] = []
        var replayDigests: [String] = []
        var differences: [ProjectionCheckReport.Difference] = []
        var count = 0
        for table in scratch.tables {
            let result = try await ProjectionComparison.compare(
                table, live: scratch.live(table), replay: scratch.copy(table), on: connection, logger: logger)
            liveDigests.append("\(table) \(result.liveDigest)")
            replayDigests.append("\(table) \(result.replayDigest)")
            differences += result.differences
            count += result.count
        }
        return ProjectionCheckReport(
            name: projection.name, position: position,
            liveDigest: try await ProjectionComparison.digest(of: liveDigests.joined(separator: "\n"), on: connection, logger: logger),
            replayDigest: try await ProjectionComparison.digest(of: replayDigests.joined(separator: "\n"), on: connection, logger: logger),
            differences: differences, differenceCount: count)
    }
}
