import Events
import Hummingbird
import Projections

/// What the HTTP layer needs from the rest of the service, passed in by the server's wiring.
public struct LedgerServices: Sendable {
    /// The event log.
    public var store: any EventStore
    /// The read models requests read: the unit tree, the obligations, the duties (inline: never
    /// behind the log; history by position).
    public var models: ReadModels
    /// Resolves bearer tokens.
    public var tokens: any AccessTokenVerifier
    /// Reports whether the database is reachable and migrated.
    public var readiness: @Sendable () async -> Readiness
    /// The clock and time zone for defaults such as "today".
    public var clock: LedgerClock
    /// Signs audit checkpoints; nil when no signing key is configured (the checkpoint routes answer 503).
    public var checkpointSigner: (any CheckpointSigner)?
    /// The projections' status and rebuilds (`/v1/admin/projections`, `minPosition`); nil: no admin routes.
    public var projections: ProjectionOperations? = nil
    /// Which projections each path reads from, for `minPosition`.
    public var readModelRoutes: [ReadModelRoute] = ReadModelRoute.standard
    /// How long a read with `minPosition` waits before answering 503.
    public var minPositionTimeout: Duration = .seconds(5)
    /// The pause between heartbeat comments on `/v1/events/stream`.
    public var eventStreamHeartbeat: Duration = .seconds(15)
    /// The Prometheus text of `GET /metrics` (and requests are counted by `MetricsMiddleware`);
    /// nil: no metrics route.
    public var metrics: (@Sendable () async -> String)? = nil
    /// The most `/v1/events/stream` connections open at once (each holds a LISTEN connection).
    public var eventStreamLimit = 8
    /// The most `/v1/events/stream` connections one token may hold at once (more is a 429).
    public var eventStreamLimitPerToken = 2
    /// The server's database probe (`LedgerRouter.responder` answers 503 while it finds the database
    /// gone); nil: no guard.
    public var databaseAvailability: (any DatabaseAvailability)? = nil
    /// Whether an error a handler threw says the database cannot be reached (a lost connection, the
    /// server shutting down): answered 503 with `Retry-After` rather than 500.
    public var meansDatabaseUnavailable: @Sendable (any Error) -> Bool = { _ in false }

    /// Creates the service bundle.
    public init(
        store: any EventStore, models: ReadModels, tokens: any AccessTokenVerifier, clock: LedgerClock = LedgerClock(),
        readiness: @escaping @Sendable () async -> Readiness,
        checkpointSigner: (any CheckpointSigner)? = nil
    ) {
        self.store = store
        self.models = models
        self.tokens = tokens
        self.clock = clock
        self.readiness = readiness
        self.checkpointSigner = checkpointSigner
    }
}

/// Builds the router: problem documents for every error, open health and OpenAPI routes,
/// and `/v1` routes behind bearer authentication.
public enum LedgerRouter {
    /// The router for the given services.
    public static func build(_ services: LedgerServices) throws -> Router<LedgerRequestContext> {
        let router = Router(context: LedgerRequestContext.self)
        let routes = RouteTable()
        // Middleware applies to routes added after it. Metrics outermost, so that they count every
        // answer with its final status (problem documents included); then problems, wrapping the rest.
        // The request id, trace and access log outermost of all, so that every answer carries them.
        router.add(middleware: RequestTraceMiddleware())
        if services.metrics != nil { router.add(middleware: MetricsMiddleware()) }
        router.add(middleware: ProblemMiddleware(routes: routes, meansDatabaseUnavailable: services.meansDatabaseUnavailable))
        // Then every route's query parameters are checked against the OpenAPI document.
        router.add(middleware: QueryContractMiddleware(contract: try QueryContract.bundled()))
        HealthController(readiness: services.readiness).register(in: router, routes: routes)
        try OpenAPIController().register(in: router, routes: routes)
        if let scrape = services.metrics { MetricsController(scrape: scrape).register(in: router, routes: routes) }
        let v1 = router.group("v1").add(middleware: BearerAuthentication(tokens: services.tokens))
            .add(middleware: MinPositionMiddleware(services))
        EventStreamController(
            store: services.store, models: services.models, clock: services.clock, heartbeat: services.eventStreamHeartbeat,
            slots: EventStreamSlots(limit: services.eventStreamLimit, perToken: services.eventStreamLimitPerToken)
        ).register(in: v1, routes: routes)
        EventsController(store: services.store, models: services.models, clock: services.clock).register(in: v1, routes: routes)
        if let projections = services.projections {
            ProjectionsAdminController(operations: projections).register(in: v1, routes: routes)
        }
        AuditController(store: services.store, models: services.models, clock: services.clock, signer: services.checkpointSigner)
            .register(in: v1, routes: routes)
        var folds = StreamStateFolds.standard
        folds.register(.incident)
        folds.register(.clockRules)
        StreamStateController(store: services.store, models: services.models, clock: services.clock, folds: folds).register(
            in: v1, routes: routes)
        UnitsController(store: services.store, models: services.models, clock: services.clock).register(in: v1, routes: routes)
        ReportsController(
            store: services.store, models: services.models, clock: services.clock
        ).register(
            in: v1, routes: routes)
        ComplianceController(store: services.store, models: services.models, clock: services.clock)
            .register(in: v1, routes: routes)
        UnitHistoryController(store: services.store, models: services.models, clock: services.clock)
            .register(in: v1, routes: routes)
        ObligationsController(store: services.store, models: services.models, clock: services.clock).register(in: v1, routes: routes)
        IncidentListController(store: services.store, models: services.models, clock: services.clock)
            .register(in: v1, routes: routes)
        IncidentSummaryController(store: services.store, models: services.models, clock: services.clock).register(in: v1, routes: routes)
        IncidentsController(store: services.store, models: services.models, clock: services.clock).register(in: v1, routes: routes)
        RulesController(store: services.store, models: services.models, clock: services.clock).register(in: v1, routes: routes)
        return router
    }
}
