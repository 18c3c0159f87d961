import EventStore
import Events
import Foundation
import LedgerTestSupport
import PostgresNIO
import Synchronization
import Testing

@testable import Projections

/// Rebuilding into shadow tables while the live runner and writers keep going loses and doubles
/// nothing; the swap keeps index names; one rebuild at a time.
@Suite struct ProjectionRebuildTests {
    /// What the counts must be: counted straight from the log.
    static func expectedCounts(_ database: TestDatabase) async throws -> [String: Int64] {
        var counts: [String: Int64] = [:]
        let rows = try await database.client.query("SELECT stream_id, count(*)::bigint FROM events GROUP BY stream_id")
        for try await (stream, events) in rows.decode((String, Int64).self) { counts[stream] = events }
        return counts
    }

    static func head(_ database: TestDatabase) async throws -> Int64 {
        try await database.store().headPosition()
    }

    /// Waits (bounded) until the checkpoint reaches `position`.
    static func waitForCheckpoint(_ name: String, _ position: Int64, _ database: TestDatabase) async throws -> Int64 {
        for _ in 0..<300 {
            let checkpoint = try await ProjectionCheckpoints.position(of: name, client: database.client, logger: database.logger)
            if checkpoint >= position { return checkpoint }
            try await Task.sleep(for: .milliseconds(100))
        }
        return try await ProjectionCheckpoints.position(of: name, client: database.client, logger: database.logger)
    }

    @Test func rebuildWhileWritesContinueLosesAndDoublesNothing() async throws {
        try await TestDatabase.with(maximumConnections: 12) { database in
            try await database.asSuperuser(StreamCountProjection.createTable)
            let store = database.store()
            let projection = StreamCountProjection()
            let streams = ["unit-a", "unit-b", "unit-c", "unit-d"]
            for stream in streams { try await ProjectionRunnerTests.append(store, stream: stream, count: 40) }

            let runner = ProjectionRunner(
                projection: projection, store: store, client: database.client, logger: database.logger, retryDelay: .milliseconds(50))
            let runnerTask = Task { await runner.run() }
            let writes = Task {
                for round in 0..<60 {
                    try await ProjectionRunnerTests.append(store, stream: streams[round % streams.count], count: 2)
                }
            }
            // Small pages, so the replay takes many transactions while the writers append.
            let position = try await ProjectionRebuild(
                projection: projection, store: store, client: database.client, logger: database.logger, pageSize: 7
            ).run()
            try await writes.value
            let head = try await Self.head(database)
            #expect(position >= 160)
            #expect(try await Self.waitForCheckpoint(projection.name, head, database) == head)
            runnerTask.cancel()
            await runnerTask.value

            #expect(try await ProjectionRunnerTests.counts(database) == Self.expectedCounts(database))
            let report = try await ProjectionCheck(projection: projection, store: store, client: database.client, logger: database.logger)
                .run()
            #expect(report.matches, "a fresh replay agrees with the rebuilt tables: \(report.differences)")
            #expect(report.position == head)

            let indexes = try await database.client.query(
                "SELECT indexname FROM pg_indexes WHERE tablename = 'test_stream_counts' ORDER BY indexname")
            var names: [String] = []
            for try await name in indexes.decode(String.self) { names.append(name) }
            #expect(names == ["test_stream_counts_pkey", "test_stream_counts_recent"])
            let schemas = try await database.client.query("SELECT count(*)::bigint FROM pg_namespace WHERE nspname LIKE 'rebuild\\_%'")
            for try await count in schemas.decode(Int64.self) { #expect(count == 0, "the shadow schema is gone") }
            let rebuild = try await RebuildRecords.all(client: database.client, logger: database.logger)[projection.name]
            #expect(rebuild?.phase == .completed)
            #expect(rebuild?.percent == 100)
        }
    }

    @Test func aSecondRebuildOfTheSameProjectionIsRefusedWhileOneRuns() async throws {
        try await TestDatabase.with { database in
            try await database.asSuperuser(StreamCountProjection.createTable)
            let projection = StreamCountProjection()
            try await database.client.withConnection { connection in
                try await MaintenanceLock.with(projection.name, on: connection, logger: database.logger) {
                    let rebuild = ProjectionRebuild(
                        projection: projection, store: database.store(), client: database.client, logger: database.logger)
                    await #expect(throws: RebuildError.alreadyRunning(projection.name)) { try await rebuild.run() }
                }
            }
        }
    }

    @Test func aProjectionWithoutTablesCannotBeRebuilt() async throws {
        struct Tableless: Projection {
            let name = "tableless"
            let eventTypes: [String] = []
            func apply(_ events: [RecordedEvent], on connection: PostgresConnection, logger: Logger) async throws {}
        }
        try await TestDatabase.with { database in
            let rebuild = ProjectionRebuild(
                projection: Tableless(), store: database.store(), client: database.client, logger: database.logger)
            await #expect(throws: RebuildError.noTables("tableless")) { try await rebuild.run() }
        }
    }

    @Test func aFailedRebuildLeavesTheLiveTablesAndRecordsWhy() async throws {
        try await TestDatabase.with { database in
            try await database.asSuperuser(StreamCountProjection.createTable)
            let store = database.store()
            let projection = StreamCountProjection()
            try await ProjectionRunnerTests.append(store, stream: "unit-a", count: 3)
            #expect(try await ProjectionRunnerTests.run(projection, database, until: 3) == 3)
            try await ProjectionRunnerTests.append(store, stream: "unit-b", count: 1, type: "Broken")
            projection.failOnType.value.withLock { $0 = "Broken" }
            let rebuild = ProjectionRebuild(projection: projection, store: store, client: database.client, logger: database.logger)
            await #expect(throws: StreamCountProjection.ProjectionFailure.self) { try await rebuild.run() }
            #expect(try await ProjectionRunnerTests.counts(database) == ["unit-a": 3])
            let state = try await RebuildRecords.all(client: database.client, logger: database.logger)[projection.name]
            #expect(state?.phase == .failed)
            #expect(state?.error != nil)
        }
    }

    /// A projection with two tables, a generated column, GIN indexes and a second table folded on
    /// every page (open incidents) rebuilds to the same rows, passes the check, and keeps its index names.
    @Test func theIncidentsReadModelRebuildsToTheSameRowsAndIndexNames() async throws {
        try await TestDatabase.with(maximumConnections: 12) { database in
            let store = database.store()
            for event in try IncidentFixtures.recorded(OpenIncidentsProjectionTests.events) {
                _ = try await store.append(
                    AppendRequest(
                        stream: event.streamId, expectedVersion: .any,
                        events: [NewEvent(type: event.type, schemaVersion: event.schemaVersion, data: event.data)],
                        metadata: EventMetadata(actor: .system("test"))))
            }
            let head = try await store.headPosition()
            let projection = OpenIncidentsProjection()
            let runner = ProjectionRunner(projection: projection, store: store, client: database.client, logger: database.logger)
            let runnerTask = Task { await runner.run() }
            #expect(try await Self.waitForCheckpoint(projection.name, head, database) == head)
            let before = try await OpenIncidentsProjectionTests.snapshot(database)
            let indexesBefore = try await Self.indexNames(database)
            #expect(indexesBefore.contains { $0.hasPrefix("open_incidents_search gin") })

            let position = try await ProjectionRebuild(
                projection: projection, store: store, client: database.client, logger: database.logger, pageSize: 3
            ).run()
            #expect(position == head)
            runnerTask.cancel()
            await runnerTask.value
            #expect(try await OpenIncidentsProjectionTests.snapshot(database) == before)
            #expect(try await Self.indexNames(database) == indexesBefore)
            let report = try await ProjectionCheck(projection: projection, store: store, client: database.client, logger: database.logger)
                .run()
            #expect(report.matches, "\(report.differences)")
        }
    }

    static func indexNames(_ database: TestDatabase) async throws -> [String] {
        var names: [String] = []
        let rows = try await database.client.query(
            "SELECT indexname || ' ' || regexp_replace(indexdef, '^.* USING ', '') FROM pg_indexes WHERE tablename LIKE 'open\\_incidents%' ORDER BY 1"
        )
        for try await name in rows.decode(String.self) { names.append(name) }
        return names
    }
}
