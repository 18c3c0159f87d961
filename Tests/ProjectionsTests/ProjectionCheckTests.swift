import EventStore
import Events
import Foundation
import LedgerTestSupport
import PostgresNIO
import Testing

@testable import Projections

/// The determinism check compares live rows with a fresh replay at one position and names every
/// row that differs.
@Suite struct ProjectionCheckTests {
    @Test func aCorruptedLiveRowIsReportedByKey() async throws {
        try await TestDatabase.with { database in
            try await database.asSuperuser(StreamCountProjection.createTable)
            let store = database.store()
            let projection = StreamCountProjection()
            try await ProjectionRunnerTests.append(store, stream: "unit-a", count: 3)
            try await ProjectionRunnerTests.append(store, stream: "unit-b", count: 2)
            try await ProjectionRunnerTests.append(store, stream: "unit-c", count: 1)
            #expect(try await ProjectionRunnerTests.run(projection, database, until: 6) == 6)
            let check = ProjectionCheck(projection: projection, store: store, client: database.client, logger: database.logger)

            let clean = try await check.run()
            #expect(clean.matches)
            #expect(clean.liveDigest == clean.replayDigest)
            #expect(clean.position == 6)

            try await database.asSuperuser(
                """
                UPDATE test_stream_counts SET events = 99 WHERE stream_id = 'unit-a';
                DELETE FROM test_stream_counts WHERE stream_id = 'unit-b';
                INSERT INTO test_stream_counts VALUES ('unit-z', 1, 1)
                """)
            let report = try await check.run()
            #expect(!report.matches)
            #expect(report.liveDigest != report.replayDigest)
            #expect(report.replayDigest == clean.replayDigest)
            #expect(report.differenceCount == 3)
            #expect(
                Set(report.differences) == [
                    .init(table: "test_stream_counts", kind: .changed, key: #"{"stream_id": "unit-a"}"#),
                    .init(table: "test_stream_counts", kind: .missing, key: #"{"stream_id": "unit-b"}"#),
                    .init(table: "test_stream_counts", kind: .extra, key: #"{"stream_id": "unit-z"}"#),
                ])
        }
    }

    @Test func theLiveSideIsCaughtUpToTheSamePositionFirst() async throws {
        try await TestDatabase.with { database in
            try await database.asSuperuser(StreamCountProjection.createTable)
            let store = database.store()
            let projection = StreamCountProjection()
            try await ProjectionRunnerTests.append(store, stream: "unit-a", count: 2)
            #expect(try await ProjectionRunnerTests.run(projection, database, until: 2) == 2)
            // No runner now: the live projection is two events behind when the check starts.
            try await ProjectionRunnerTests.append(store, stream: "unit-b", count: 2)
            let report = try await ProjectionCheck(projection: projection, store: store, client: database.client, logger: database.logger)
                .run()
            #expect(report.matches)
            #expect(report.position == 4)
            #expect(try await ProjectionCheckpoints.position(of: projection.name, client: database.client, logger: database.logger) == 4)
        }
    }
}
