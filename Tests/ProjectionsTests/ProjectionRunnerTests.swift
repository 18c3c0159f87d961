import EventStore
import Events
import Foundation
import LedgerTestSupport
import PostgresNIO
import Testing

@testable import Projections

/// The runner applies every event exactly once, with its checkpoint, across restarts, competing
/// runners and failing pages.
@Suite struct ProjectionRunnerTests {
    static func append(_ store: PostgresEventStore, stream: String, count: Int, type: String = "Counted") async throws {
        for _ in 0..<count {
            _ = try await store.append(
                AppendRequest(
                    stream: StreamID(stream)!, expectedVersion: .any, events: [NewEvent(type: type, data: .object([:]))],
                    metadata: EventMetadata(actor: .system("test"))))
        }
    }

    static func counts(_ database: TestDatabase) async throws -> [String: Int64] {
        var counts: [String: Int64] = [:]
        let rows = try await database.client.query("SELECT stream_id, events FROM test_stream_counts")
        for try await (stream, events) in rows.decode((String, Int64).self) { counts[stream] = events }
        return counts
    }

    /// Runs `runners` copies of the runner until the checkpoint reaches `position` (or 30 s pass).
    static func run(
        _ projection: StreamCountProjection, _ database: TestDatabase, runners: Int = 1, until position: Int64
    ) async throws -> Int64 {
        let store = database.store()
        return try await withThrowingTaskGroup(of: Int64?.self) { group in
            for _ in 0..<runners {
                group.addTask {
                    await ProjectionRunner(
                        projection: projection, store: store, client: database.client, logger: database.logger,
                        retryDelay: .milliseconds(50)
                    ).run()
                    return nil
                }
            }
            group.addTask {
                for _ in 0..<300 {
                    let checkpoint = try await ProjectionCheckpoints.position(
                        of: projection.name, client: database.client, logger: database.logger)
                    if checkpoint >= position { return checkpoint }
                    try await Task.sleep(for: .milliseconds(100))
                }
                return try await ProjectionCheckpoints.position(of: projection.name, client: database.client, logger: database.logger)
            }
            var reached: Int64 = 0
            while let result = try await group.next() {
                if let result {
                    reached = result
                    break
                }
            }
            group.cancelAll()
            return reached
        }
    }

    @Test func catchesUpThenFollowsAndSurvivesARestart() async throws {
        try await TestDatabase.with { database in
            try await database.asSuperuser(StreamCountProjection.createTable)
            let store = database.store()
            let projection = StreamCountProjection()
            try await Self.append(store, stream: "unit-a", count: 5)
            try await Self.append(store, stream: "unit-b", count: 3)
            #expect(try await Self.run(projection, database, until: 8) == 8)
            #expect(try await Self.counts(database) == ["unit-a": 5, "unit-b": 3])

            // Restart after more events: the runner resumes from its checkpoint, nothing counted twice.
            try await Self.append(store, stream: "unit-a", count: 2)
            try await Self.append(store, stream: "unit-c", count: 1)
            #expect(try await Self.run(projection, database, until: 11) == 11)
            #expect(try await Self.counts(database) == ["unit-a": 7, "unit-b": 3, "unit-c": 1])
        }
    }

    @Test func competingRunnersApplyEachEventOnce() async throws {
        try await TestDatabase.with(maximumConnections: 12) { database in
            try await database.asSuperuser(StreamCountProjection.createTable)
            let store = database.store()
            for stream in ["unit-a", "unit-b", "unit-c", "unit-d"] {
                try await Self.append(store, stream: stream, count: 25)
            }
            #expect(try await Self.run(StreamCountProjection(), database, runners: 3, until: 100) == 100)
            #expect(try await Self.counts(database) == ["unit-a": 25, "unit-b": 25, "unit-c": 25, "unit-d": 25])
        }
    }

    @Test func aFailingPageLeavesNoRowsAndNoCheckpointUntilItSucceeds() async throws {
        try await TestDatabase.with { database in
            try await database.asSuperuser(StreamCountProjection.createTable)
            let store = database.store()
            let projection = StreamCountProjection()
            projection.failOnType.value.withLock { $0 = "Broken" }
            try await Self.append(store, stream: "unit-a", count: 2)
            try await Self.append(store, stream: "unit-b", count: 1, type: "Broken")
            let runner = ProjectionRunner(
                projection: projection, store: store, client: database.client, logger: database.logger, retryDelay: .milliseconds(50))
            let page = try await store.readAll(after: 0, limit: 100, filter: .all)
            await #expect(throws: (any Error).self) { try await runner.apply(page) }
            #expect(try await Self.counts(database).isEmpty, "the failed page's first rows were rolled back")
            #expect(try await ProjectionCheckpoints.position(of: projection.name, client: database.client, logger: database.logger) == 0)

            projection.failOnType.value.withLock { $0 = nil }
            #expect(try await Self.run(projection, database, until: 3) == 3)
            #expect(try await Self.counts(database) == ["unit-a": 2, "unit-b": 1])
        }
    }
}
