import API
import EventStore
import Events
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LedgerTestSupport
import NIOCore
import Projections

/// Runs the real router over a real store and token registry in a fresh database.
struct APIHarness: Sendable {
    let database: TestDatabase
    let store: PostgresEventStore
    let tokens: PostgresTokenRegistry

    static func with(
        now: @escaping @Sendable () -> Timestamp = { Timestamp(Date()) },
        _ body: @Sendable @escaping (APIHarness, any TestClientProtocol) async throws -> Void
    ) async throws {
        try await TestDatabase.with { database in
            let store = database.store(now: now)
            let tokens = PostgresTokenRegistry(client: database.client, logger: database.logger)
            let harness = APIHarness(database: database, store: store, tokens: tokens)
            let migrator = try Migrator(client: database.client, logger: database.logger)
            let services = LedgerServices(
                store: store, models: ReadModels(client: database.client, logger: database.logger), tokens: tokens,
                clock: LedgerClock(now: now),
                readiness: {
                    let pending = (try? await migrator.status().pending.isEmpty) ?? false
                    return Readiness(database: "ok", migrations: pending ? "current" : "behind")
                })
            let router = try LedgerRouter.build(services)
            let app = Application(router: router)
            try await app.test(.router) { client in try await body(harness, client) }
        }
    }

    /// A new token of the given role (bound to `unit` when given), as an Authorization header.
    func bearer(_ role: Role = .auditor, unit: String? = nil) async throws -> HTTPFields {
        let (_, secret) = try await tokens.create(role: role, unitId: unit, name: "test")
        return [.authorization: "Bearer \(secret)"]
    }

    /// Appends `count` events to `stream`, one per append.
    func appendEvents(_ count: Int, to stream: String, type: String = "TestHappened") async throws {
        for index in 0..<count {
            _ = try await store.append(
                AppendRequest(
                    stream: StreamID(stream)!, expectedVersion: .any,
                    events: [NewEvent(type: type, data: .object(["n": .integer(Int64(index))]))],
                    metadata: EventMetadata(actor: .system("test"))))
        }
    }
}

extension TestResponse {
    /// Decodes the body as JSON.
    func json<T: Decodable>(_ type: T.Type = T.self) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(buffer: body))
    }
}

/// The problem document fields the tests check.
struct Problem: Decodable {
    var type: String
    var title: String
    var status: Int
    var detail: String
    var field: String?
}
