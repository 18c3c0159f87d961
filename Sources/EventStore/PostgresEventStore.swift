import Events
import Foundation
import Logging
import PostgresNIO
import Projections

/// The event log on PostgreSQL: appends serialised by a transaction-scoped advisory lock (so position
/// order is commit order and the hash chain is linear), grouped into shared commits under load.
public struct PostgresEventStore: EventStore {
    /// The channel on which each commit announces the new head position.
    public static let notificationChannel = "ledger_events"

    /// Where the database's client comes from: read at each use, so a client replaced after an
    /// outage (the server's `LedgerDatabase`) is picked up at once.
    let clients: @Sendable () -> PostgresClient
    var client: PostgresClient { clients() }
    let logger: Logger
    let pollInterval: Duration
    private let queue: GroupCommitQueue

    /// Creates a store over a running `PostgresClient`; `now` is the clock that stamps events,
    /// `bounds` how long a batch of appends may wait for a connection and for its commit, and
    /// `inline` the read models applied inside each append transaction (every store keeps the
    /// standard ones, so no writer can leave them behind the log).
    public init(
        client: @autoclosure @escaping @Sendable () -> PostgresClient, logger: Logger, pollInterval: Duration = .seconds(1),
        now: @escaping @Sendable () -> Timestamp = { Timestamp(Date()) }, bounds: CommitBounds = CommitBounds(),
        inline: [any Projection] = InlineProjections.standard
    ) {
        self.clients = client
        self.logger = logger
        self.pollInterval = pollInterval
        let writer = BatchWriter(clients: client, logger: logger, now: now, bounds: bounds, inline: inline)
        self.queue = GroupCommitQueue(sheds: { writer.shedding($0) }) { batch in await writer.commit(batch) }
    }

    public func append(_ request: AppendRequest) async throws(EventStoreError) -> AppendResult {
        let prepared = try PreparedAppend(request)
        return try await queue.submit(prepared).get()
    }
}
