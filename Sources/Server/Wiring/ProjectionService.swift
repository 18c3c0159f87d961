import Events
import Logging
import PostgresNIO
import Projections
import ServiceLifecycle

/// Runs the projection runners for the service's lifetime, stopping them on graceful shutdown.
struct ProjectionService: Service {
    let runners: [ProjectionRunner]

    func run() async throws {
        await withTaskGroup(of: Void.self) { group in
            for runner in runners {
                group.addTask { await runner.run() }
            }
            try? await gracefulShutdown()
            group.cancelAll()
        }
    }
}

extension ProjectionService {
    /// Every read model the service keeps, each behind its own runner.
    static func all(store: any EventStore, client: PostgresClient, logger: Logger) -> ProjectionService {
        let projections: [any Projection] = [DutyProjection()]
        return ProjectionService(
            runners: projections.map { ProjectionRunner(projection: $0, store: store, client: client, logger: logger) })
    }
}
