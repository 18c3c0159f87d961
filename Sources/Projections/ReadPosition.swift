import BoundedPostgres
import Events
import Logging
import PostgresNIO

/// Where a cut reads the log: the last position recorded by `cut.recordedUpTo` (the head when the
/// cut names no instant), and no later than `cut.upToPosition`. `recorded_at` never decreases along
/// the log, so the last entry of the `(recorded_at, position)` index at or before the instant is the
/// position: one index probe, however long the log.
public enum ReadPosition {
    /// The SQL expression of the last position recorded at or before the instant bound as
    /// `parameter` (microseconds since the epoch, or NULL for the head): one probe of the index.
    /// `VersionedModel` puts it in its own lookup, so the two never drift apart.
    static func lastPosition(recordedUpTo parameter: String) -> String {
        """
        coalesce((SELECT position FROM events
            WHERE \(parameter)::bigint IS NULL OR recorded_at <= to_timestamp(0) + \(parameter)::bigint * interval '1 microsecond'
            ORDER BY recorded_at DESC, position DESC LIMIT 1), 0)::bigint
        """
    }

    /// The position `cut` reads at.
    public static func of(_ cut: ReadCut, client: PostgresClient, logger: Logger) async throws -> Int64 {
        var binds = PostgresBindings()
        binds.append(cut.recordedUpTo?.microsecondsSinceEpoch)
        let query = PostgresQuery(unsafeSQL: "SELECT " + lastPosition(recordedUpTo: "$1"), binds: binds)
        let head = try await client.bounded { connection in
            for try await position in try await connection.query(query, logger: logger).decode(Int64.self) { return position }
            return 0
        }
        return min(head, cut.upToPosition ?? Int64.max)
    }
}
