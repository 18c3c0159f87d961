import Events
import HTTPTypes
import Hummingbird
import Projections

/// Read your writes: a read (`GET`) with `?minPosition=N` waits until the log's head and the
/// projections the route reads from have reached position N (every write answers with its
/// position), then answers; after `timeout` (5 s) it answers 503 with `Retry-After`.
struct MinPositionMiddleware: RouterMiddleware {
    typealias Context = LedgerRequestContext

    let store: any EventStore
    /// Reads projection checkpoints; nil when the service keeps no projections.
    let checkpoints: (@Sendable ([String]) async throws -> [String: Int64])?
    let routes: [ReadModelRoute]
    let timeout: Duration
    /// The pause between two looks at the head and the checkpoints.
    let pollInterval: Duration = .milliseconds(25)

    /// The middleware as the service's wiring configures it.
    init(_ services: LedgerServices) {
        self.store = services.store
        if let operations = services.projections {
            self.checkpoints = { names in try await operations.checkpoints(names) }
        } else {
            self.checkpoints = nil
        }
        self.routes = services.readModelRoutes
        self.timeout = services.minPositionTimeout
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method == .get || request.method == .head, request.uri.queryParameters["minPosition"] != nil else {
            return try await next(request, context)
        }
        let minPosition = try QueryParameters(request).integer("minPosition", in: 0...Int64.max, default: 0)
        let projections = ReadModelRoute.projections(for: request.uri.path, in: routes)
        let deadline = ContinuousClock.now.advanced(by: timeout)
        while try await !reached(minPosition, projections: projections) {
            guard ContinuousClock.now < deadline else {
                var error = APIError(
                    .unavailable,
                    "the read models have not reached position \(minPosition) within \(timeout); retry later", field: "minPosition")
                error.headers[.retryAfter] = "1"
                throw error
            }
            try await Task.sleep(for: pollInterval)
        }
        return try await next(request, context)
    }

    private func reached(_ position: Int64, projections: [String]) async throws -> Bool {
        guard try await store.headPosition() >= position else { return false }
        guard !projections.isEmpty, let checkpoints else { return true }
        return try await checkpoints(projections).values.allSatisfy { $0 >= position }
    }
}
