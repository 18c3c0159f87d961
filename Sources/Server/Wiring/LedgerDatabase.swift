import EventStore
import Events
import Logging
import PostgresNIO
import ServiceLifecycle
import Synchronization

/// The service's PostgreSQL: the client every part of the server reads at each use, and a probe that
/// knows whether the database can be reached.
///
/// Every `probeInterval` the probe runs `SELECT 1` through the pool; if that does not answer within
/// `probeTimeout`, it opens one connection of its own, so a pool that is merely busy is not taken for
/// a database that is gone. When neither answers, the database is unavailable: waiters on
/// `untilUnavailable()` are woken (the HTTP layer answers 503 to them and to every new request).
/// PostgresNIO's pool retries a lost database with a backoff that grows to a minute, so once the
/// probe's own connection succeeds again a fresh client replaces the old one (whose pool is shut
/// down), and the service answers again within about one probe interval of the database's return.
final class LedgerDatabase: Service, DatabaseAvailability {
    private struct State {
        var client: PostgresClient
        /// Each live client's `run()`, by client.
        var runners: [ObjectIdentifier: Task<Void, Never>] = [:]
        var available = true
        var waiters: [Int: CheckedContinuation<Void, Never>] = [:]
        var nextWaiter = 0
        /// Clients with a pool probe still waiting (a second is never queued behind it).
        var pendingPoolProbes: Set<ObjectIdentifier> = []
    }

    let configuration: PostgresClient.Configuration
    let probeConfiguration: PostgresConnection.Configuration
    let maximumConnections: Int
    let logger: Logger
    let probeInterval: Duration
    let probeTimeout: Duration
    private let state: Mutex<State>
    private let probeConnectionID = Atomic(0)

    /// Creates the database for `url`; nothing connects until `run()`. Throws when the URL's TLS
    /// settings cannot be used.
    init(
        url: DatabaseURL, maximumConnections: Int, logger: Logger,
        probeInterval: Duration = .milliseconds(250), probeTimeout: Duration = .milliseconds(700)
    ) throws {
        self.configuration = url.clientConfiguration(maximumConnections: maximumConnections)
        self.probeConfiguration = try url.connectionConfiguration(connectTimeout: probeTimeout)
        self.maximumConnections = maximumConnections
        self.logger = logger
        self.probeInterval = probeInterval
        self.probeTimeout = probeTimeout
        self.state = Mutex(State(client: PostgresClient(configuration: configuration, backgroundLogger: logger)))
    }

    /// The client to use now.
    var client: PostgresClient { state.withLock { $0.client } }

    var isAvailable: Bool { state.withLock { $0.available } }

    func untilUnavailable() async {
        let id = state.withLock { state -> Int in
            state.nextWaiter += 1
            return state.nextWaiter
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state -> Bool in
                    guard state.available, !Task.isCancelled else { return true }
                    state.waiters[id] = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            state.withLock { $0.waiters.removeValue(forKey: id) }?.resume()
        }
    }

    func run() async throws {
        start(client)
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await self.probeOnce()
                try? await Task.sleep(for: self.probeInterval)
            }
        }
        // The HTTP server has stopped by now (services shut down after it): close every pool.
        let runners = state.withLock { state -> [Task<Void, Never>] in
            defer { state.runners = [:] }
            return Array(state.runners.values)
        }
        for runner in runners { runner.cancel() }
        for runner in runners { await runner.value }
    }

    private func start(_ client: PostgresClient) {
        let runner = Task { await client.run() }
        state.withLock { $0.runners[ObjectIdentifier(client)] = runner }
    }

    /// One probe: decides availability, and replaces the client when the database is back.
    func probeOnce() async {
        if isAvailable {
            if await poolAnswers(client) { return }
            if await directConnectionAnswers() { return }
            markUnavailable()
        } else {
            guard await directConnectionAnswers() else { return }
            let fresh = PostgresClient(configuration: configuration, backgroundLogger: logger)
            start(fresh)
            guard await poolAnswers(fresh) else {
                logger.warning("the database answers a new connection but not yet a new pool; retrying")
                retire(fresh)
                return
            }
            let old = state.withLock { state -> PostgresClient in
                defer {
                    state.client = fresh
                    state.available = true
                }
                return state.client
            }
            retire(old)
            logger.notice("database reachable again; new connection pool in use")
        }
    }

    /// Shuts down `client`'s pool: its waiting leases and queries fail, and their callers retry on
    /// the current client.
    private func retire(_ client: PostgresClient) {
        state.withLock { $0.runners.removeValue(forKey: ObjectIdentifier(client)) }?.cancel()
    }

    private func markUnavailable() {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            guard state.available else { return [] }
            state.available = false
            defer { state.waiters = [:] }
            return Array(state.waiters.values)
        }
        logger.error("database unreachable: answering 503 until it is back")
        for waiter in waiters { waiter.resume() }
    }

    /// `SELECT 1` through `client`'s pool within the probe timeout; a probe still waiting from an
    /// earlier round counts as no answer (and no second one is queued behind it).
    private func poolAnswers(_ client: PostgresClient) async -> Bool {
        let key = ObjectIdentifier(client)
        let started = state.withLock { $0.pendingPoolProbes.insert(key).inserted }
        guard started else { return false }
        let logger = logger
        return await within(probeTimeout) {
            defer { self.state.withLock { _ = $0.pendingPoolProbes.remove(key) } }
            try await client.query("SELECT 1", logger: logger)
        }
    }

    /// Connects once outside the pool, runs `SELECT 1` and closes, within the probe timeout. The
    /// connection is always closed, even when the answer comes too late to count.
    private func directConnectionAnswers() async -> Bool {
        let configuration = probeConfiguration
        let logger = logger
        let id = probeConnectionID.add(1, ordering: .relaxed).newValue
        return await within(probeTimeout) {
            let connection = try await PostgresConnection.connect(configuration: configuration, id: id, logger: logger)
            do {
                try await connection.query("SELECT 1", logger: logger)
            } catch {
                try? await connection.close()
                throw error
            }
            try? await connection.close()
        }
    }

    /// Whether `work` finished without throwing within `limit` (it is left to end on its own if not).
    private func within(_ limit: Duration, _ work: @escaping @Sendable () async throws -> Void) async -> Bool {
        await FirstOutcome.value(within: limit, orElse: false) {
            try await work()
            return true
        }
    }
}
