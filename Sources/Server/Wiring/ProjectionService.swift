import Events
import Logging
import PostgresNIO
import Projections
import ServiceLifecycle

/// Runs the projection runners for the service's lifetime, stopping them on graceful shutdown.
struct ProjectionService: Service {
    let runners: [ProjectionRunner]
    /// Background rebuilds started over HTTP, cancelled on shutdown too.
    let operations: ProjectionOperations

    func run() async throws {
        await withTaskGroup(of: Void.self) { group in
            for runner in runners {
                group.addTask { await runner.run() }
            }
            try? await gracefulShutdown()
            await operations.cancelAll()
            group.cancelAll()
        }
    }
}

extension ProjectionService {
    /// Every read model the service keeps (also what `rebuild` and `check-projections` know).
    static func projections() -> [any Projection] {
        InlineProjections.standard + [OpenIncidentsProjection()]
    }

    /// A runner for each of `operations`' projections, the same instances rebuilds and checks use.
    static func all(
        _ operations: ProjectionOperations, store: any EventStore, client: @autoclosure @escaping @Sendable () -> PostgresClient,
        logger: Logger
    )
        -> ProjectionService
    {
        ProjectionService(
            // Inline models are applied by the store inside each append; only the others follow the log.
            runners: operations.projections.filter { !$0.isInline }.map {
                ProjectionRunner(projection: $0, store: store, client: client(), logger: logger)
            },
            operations: operations)
    }
}
