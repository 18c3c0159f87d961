import BoundedPostgres
import Events
import Logging
import PostgresNIO

/// Where a cut reads the log: the last position recorded by `cut.recordedUpTo` (the head when the
/// cut names no instant), and no later than `cut.upToPosition`. `recorded_at` never decreases along
/// the log, so the last entry of the `(recorded_at, position)` index at or before the instant is the
/// position: one index probe, however long the log.
public enum ReadPosition {
    /// The position `cut` reads at.
    public static func of(_ cut: ReadCut, client: PostgresClient, logger: Logger) async throws -> Int64 {
        let head = try await client.bounded { connection in
            let rows: PostgresRowSequence
            if let instant = cut.recordedUpTo {
                rows = try await connection.query(
                    """
                    SELECT coalesce((
                        SELECT position FROM events
                        WHERE recorded_at <= to_timestamp(0) + \(instant.microsecondsSinceEpoch) * interval '1 microsecond'
                        ORDER BY recorded_at DESC, position DESC LIMIT 1), 0)::bigint
                    """, logger: logger)
            } else {
                rows = try await connection.query("SELECT coalesce(max(position), 0)::bigint FROM events", logger: logger)
            }
            for try await position in rows.decode(Int64.self) { return position }
            return 0
        }
        return min(head, cut.upToPosition ?? Int64.max)
    }
}
