import BoundedPostgres
import Events
import Logging
import PostgresNIO
import Synchronization

/// What operators do with the service's projections while it runs: read their status, start a
/// rebuild in the background, and read checkpoints (for read-your-writes). Shared by the HTTP API.
public final class ProjectionOperations: Sendable {
    /// The projections the service keeps, in display order.
    public let projections: [any Projection]
    let store: any EventStore
    /// Where the database's client comes from: read at each use, so a client replaced after an
    /// outage (the server's `LedgerDatabase`) is picked up at once.
    let clients: @Sendable () -> PostgresClient
    var client: PostgresClient { clients() }
    let logger: Logger
    private let tasks = Mutex<[String: Task<Void, Never>]>([:])

    /// Creates the operations over the service's projections.
    public init(
        projections: [any Projection], store: any EventStore, client: @autoclosure @escaping @Sendable () -> PostgresClient, logger: Logger
    ) {
        self.projections = projections
        self.store = store
        self.clients = client
        self.logger = logger
    }

    /// The projection with this name.
    public func projection(named name: String) throws(RebuildError) -> any Projection {
        guard let projection = projections.first(where: { $0.name == name }) else { throw .unknownProjection(name) }
        return projection
    }

    /// Every projection's checkpoint, lag and state.
    public func statuses() async throws -> [ProjectionStatus] {
        try await ProjectionStatus.all(projections.map(\.name), client: client, logger: logger).map(inlineCaughtUp)
    }

    /// An inline model's checkpoint is the position of the last event of its types, and it is never
    /// behind the log: it stands at the head.
    private func inlineCaughtUp(_ status: ProjectionStatus) -> ProjectionStatus {
        guard projections.contains(where: { $0.name == status.name && $0.isInline }) else { return status }
        var status = status
        status.checkpoint = status.head
        status.lagEvents = 0
        status.lagSeconds = 0
        return status
    }

    /// The checkpoints of the named projections (0 for one that never ran); names this service does
    /// not keep are left out.
    public func checkpoints(_ names: [String]) async throws -> [String: Int64] {
        let names = names.filter { name in projections.contains { $0.name == name } }
        guard !names.isEmpty else { return [:] }
        var result = Dictionary(names.map { ($0, Int64(0)) }, uniquingKeysWith: { first, _ in first })
        let logger = logger
        let rows = try await client.bounded { connection in
            var rows: [(String, Int64)] = []
            let query: PostgresQuery = "SELECT name, position FROM projection_checkpoints WHERE name = ANY(\(names)::text[])"
            for try await row in try await connection.query(query, logger: logger).decode((String, Int64).self) { rows.append(row) }
            return rows
        }
        for (name, position) in rows { result[name] = position }
        // An inline model is applied inside each append: it has reached every position the log has.
        for projection in projections where projection.isInline && result[projection.name] != nil {
            result[projection.name] = Int64.max
        }
        return result
    }

    /// Starts rebuilding `name` in the background and returns once it holds the lock and is recorded
    /// as running; throws `unknownProjection`, `noTables` or `alreadyRunning` without starting.
    public func startRebuild(_ name: String) async throws -> ProjectionStatus {
        let projection = try projection(named: name)
        guard !projection.tables.isEmpty else { throw RebuildError.noTables(name) }
        let rebuild = ProjectionRebuild(projection: projection, store: store, client: self.client, logger: logger)
        let signal = StartSignal()
        let task = Task {
            do {
                try await rebuild.run(started: { signal.finish(nil) })
            } catch {
                signal.finish(error)
            }
        }
        tasks.withLock { $0[name] = task }
        try await signal.wait()
        return inlineCaughtUp(try await ProjectionStatus.all([name], client: client, logger: logger)[0])
    }

    /// Cancels background rebuilds (on shutdown); an interrupted rebuild leaves the live tables as they were.
    public func cancelAll() async {
        let running = tasks.withLock { tasks in
            defer { tasks = [:] }
            return Array(tasks.values)
        }
        for task in running { task.cancel() }
        for task in running { await task.value }
    }
}

/// Tells the caller of `startRebuild` whether the rebuild got going (once; later signals are ignored).
private final class StartSignal: Sendable {
    private let state = Mutex<(done: (any Error)??, waiter: CheckedContinuation<Void, any Error>?)>((nil, nil))

    func finish(_ error: (any Error)?) {
        let waiter: CheckedContinuation<Void, any Error>? = state.withLock { state in
            guard state.done == nil else { return nil }
            state.done = .some(error)
            defer { state.waiter = nil }
            return state.waiter
        }
        if let error { waiter?.resume(throwing: error) } else { waiter?.resume() }
    }

    func wait() async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let done: (any Error)?? = state.withLock { state in
                if state.done == nil { state.waiter = continuation }
                return state.done
            }
            guard let done else { return }
            if let error = done { continuation.resume(throwing: error) } else { continuation.resume() }
        }
    }
}
