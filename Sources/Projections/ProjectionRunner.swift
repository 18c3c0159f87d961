import BoundedPostgres
import Events
import Logging
import PostgresNIO

/// Keeps one projection up to date: catches up from its checkpoint, then follows the log. Each page
/// is applied in one transaction together with the checkpoint, so a crash never applies an event
/// twice or skips one; the checkpoint row is locked, so two runners of the same projection (two
/// server instances) never apply the same page twice.
public struct ProjectionRunner: Sendable {
    let projection: any Projection
    let store: any EventStore
    /// Where the database's client comes from: read at each use, so a client replaced after an
    /// outage (the server's `LedgerDatabase`) is picked up at once.
    let clients: @Sendable () -> PostgresClient
    var client: PostgresClient { clients() }
    let logger: Logger
    let retryDelay: Duration

    /// Creates a runner; `retryDelay` is the pause after a failed page before trying again.
    public init(
        projection: any Projection, store: any EventStore, client: @autoclosure @escaping @Sendable () -> PostgresClient, logger: Logger,
        retryDelay: Duration = .seconds(1)
    ) {
        self.projection = projection
        self.store = store
        self.clients = client
        self.logger = logger
        self.retryDelay = retryDelay
    }

    /// Runs until the task is cancelled. A failing page is retried (and recorded as the
    /// checkpoint's `last_error`) without stopping the service.
    public func run() async {
        while !Task.isCancelled {
            do {
                try await follow()
            } catch {
                if Task.isCancelled { return }
                logger.error(
                    "projection failed; retrying", metadata: ["projection": "\(projection.name)", "error": "\(String(reflecting: error))"])
                await ProjectionCheckpoints.recordError(projection.name, String(describing: error), client: client, logger: logger)
                try? await Task.sleep(for: retryDelay)
            }
        }
    }

    private func follow() async throws {
        let start = try await ProjectionCheckpoints.position(of: projection.name, client: client, logger: logger)
        let filter = EventFilter(types: projection.eventTypes)
        for try await page in store.follow(after: start, filter: filter).pages {
            try await apply(page)
        }
    }

    /// Applies one page and moves the checkpoint, skipping events another runner already applied.
    func apply(_ page: EventPage) async throws {
        let projection = projection
        let logger = logger
        try await client.boundedTransaction(logger: logger) { connection in
            let checkpoint = try await ProjectionCheckpoints.lock(projection.name, on: connection, logger: logger)
            guard page.nextAfter > checkpoint else { return }
            let events = page.events.filter { $0.position > checkpoint }
            if !events.isEmpty {
                try await projection.apply(events, on: connection, logger: logger)
            }
            try await ProjectionCheckpoints.move(projection.name, to: page.nextAfter, on: connection, logger: logger)
        }
    }
}
