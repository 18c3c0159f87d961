import Events
import Logging
import PostgresNIO
import Projections
import Synchronization

/// A small read model for the runner's tests: how many events each stream has, and the last position.
/// It can be told to fail on one event type, to test that a failed page leaves nothing behind.
struct StreamCountProjection: Projection {
    let name = "test-stream-counts"
    let eventTypes: [String] = []
    let tables = ["test_stream_counts"]
    let failOnType = FailureSwitch()

    static let createTable = """
        CREATE TABLE test_stream_counts (stream_id text PRIMARY KEY, events bigint NOT NULL, last_position bigint NOT NULL);
        CREATE INDEX test_stream_counts_recent ON test_stream_counts (last_position DESC)
        """

    func apply(_ events: [RecordedEvent], on connection: PostgresConnection, logger: Logger) async throws {
        let poison = failOnType.value.withLock { $0 }
        for event in events {
            try await connection.query(
                """
                INSERT INTO test_stream_counts (stream_id, events, last_position) VALUES (\(event.streamId.rawValue), 1, \(event.position))
                ON CONFLICT (stream_id) DO UPDATE SET events = test_stream_counts.events + 1, last_position = EXCLUDED.last_position
                """, logger: logger)
            if event.type == poison { throw ProjectionFailure() }
        }
    }

    struct ProjectionFailure: Error {}
}

/// Which event type the test projection fails on, shared between the test and the runner.
final class FailureSwitch: Sendable {
    let value = Mutex<String?>(nil)
}
