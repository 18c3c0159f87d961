import API
import EventStore
import Events
import Foundation
import Hummingbird
import HummingbirdTesting
import LedgerTestSupport
import Logging
import PostgresNIO
import Projections

/// The real router with the operators' services wired: projection operations over the given
/// projections, a short heartbeat and a short `minPosition` wait, so tests never wait long.
enum LiveHarness {
    static func with(
        projections: [any Projection] = [OpenIncidentsProjection()],
        readModelRoutes: [ReadModelRoute] = ReadModelRoute.standard, eventStreamLimit: Int = 8, eventStreamLimitPerToken: Int = 2,
        _ body: @Sendable @escaping (APIHarness, ProjectionOperations, any TestClientProtocol) async throws -> Void
    ) async throws {
        try await TestDatabase.with(maximumConnections: 12) { database in
            let store = database.store()
            let tokens = PostgresTokenRegistry(client: database.client, logger: database.logger)
            let harness = APIHarness(database: database, store: store, tokens: tokens)
            let operations = ProjectionOperations(projections: projections, store: store, client: database.client, logger: database.logger)
            var services = LedgerServices(
                store: store, models: ReadModels(client: database.client, logger: database.logger), tokens: tokens,
                readiness: { Readiness(database: "ok", migrations: "current") })
            services.projections = operations
            services.readModelRoutes = readModelRoutes
            services.minPositionTimeout = .milliseconds(500)
            services.eventStreamHeartbeat = .milliseconds(50)
            services.eventStreamLimit = eventStreamLimit
            services.eventStreamLimitPerToken = eventStreamLimitPerToken
            let app = Application(router: try LedgerRouter.build(services))
            try await app.test(.router) { client in try await body(harness, operations, client) }
        }
    }
}

/// A read model that writes nothing: its checkpoint is all the read-your-writes tests need.
struct CheckpointOnlyProjection: Projection {
    let name = "test-read-model"
    let eventTypes: [String] = []
    func apply(_ events: [RecordedEvent], on connection: PostgresConnection, logger: Logger) async throws {}
}

/// One parsed SSE message.
struct ServerSentEvent: Equatable {
    var id: String?
    var event: String?
    var data: String
}

extension ServerSentEvent {
    /// Splits an SSE body into its messages and counts the comment lines (heartbeats).
    static func parse(_ body: String) -> (events: [ServerSentEvent], comments: [String]) {
        var events: [ServerSentEvent] = []
        var comments: [String] = []
        for block in body.components(separatedBy: "\n\n") where !block.isEmpty {
            var message = ServerSentEvent(id: nil, event: nil, data: "")
            var isEvent = false
            for line in block.split(separator: "\n", omittingEmptySubsequences: false) {
                if line.hasPrefix(":") {
                    comments.append(String(line.dropFirst()).trimmingCharacters(in: .whitespaces))
                } else if line.hasPrefix("id: ") {
                    message.id = String(line.dropFirst(4)); isEvent = true
                } else if line.hasPrefix("event: ") {
                    message.event = String(line.dropFirst(7)); isEvent = true
                } else if line.hasPrefix("data: ") {
                    message.data += String(line.dropFirst(6)); isEvent = true
                }
            }
            if isEvent { events.append(message) }
        }
        return (events, comments)
    }
}
