import BoundedPostgres
import Logging
import PostgresNIO

/// How one projection stands: its checkpoint, its lag behind the log, and what it is doing.
public struct ProjectionStatus: Sendable, Hashable, Codable {
    /// Running normally, being rebuilt (the live tables still answer), or stuck on a failing page.
    public enum State: String, Sendable, Hashable, Codable {
        case running, rebuilding, failed
    }

    public var name: String
    public var state: State
    /// The position applied up to.
    public var checkpoint: Int64
    /// The log's head.
    public var head: Int64
    /// Head minus checkpoint.
    public var lagEvents: Int64
    /// Age in seconds of the oldest event not yet applied (0 when caught up).
    public var lagSeconds: Double
    /// Why the last page failed (state `failed`).
    public var error: String?
    /// Percent of the running rebuild (state `rebuilding`).
    public var rebuildPercent: Int?
    /// The latest rebuild, if any.
    public var rebuild: RebuildState?

    /// Reads the status of each named projection.
    public static func all(_ names: [String], client: PostgresClient, logger: Logger) async throws -> [ProjectionStatus] {
        let rebuilds = try await RebuildRecords.all(client: client, logger: logger)
        return try await client.bounded { connection in try await statuses(names, rebuilds: rebuilds, connection, logger: logger) }
    }

    private static func statuses(
        _ names: [String], rebuilds: [String: RebuildState], _ connection: PostgresConnection, logger: Logger
    ) async throws -> [ProjectionStatus] {
        let rows = try await connection.query(
            """
            WITH head AS (SELECT coalesce(max(position), 0)::bigint AS position FROM events)
            SELECT n.name, coalesce(c.position, 0)::bigint, head.position, c.last_error,
                   coalesce((SELECT extract(epoch FROM now() - e.recorded_at)::float8 FROM events e
                             WHERE e.position > coalesce(c.position, 0) ORDER BY e.position LIMIT 1), 0)::float8
            FROM unnest(\(names)::text[]) WITH ORDINALITY AS n(name, ordinal)
            CROSS JOIN head
            LEFT JOIN projection_checkpoints c ON c.name = n.name
            ORDER BY n.ordinal
            """, logger: logger)
        var statuses: [ProjectionStatus] = []
        for try await (name, checkpoint, head, error, age) in rows.decode((String, Int64, Int64, String?, Double).self) {
            let rebuild = rebuilds[name]
            let state: State = rebuild?.phase == .running ? .rebuilding : (error == nil ? .running : .failed)
            statuses.append(
                ProjectionStatus(
                    name: name, state: state, checkpoint: checkpoint, head: head, lagEvents: max(0, head - checkpoint),
                    lagSeconds: max(0, age), error: error, rebuildPercent: state == .rebuilding ? rebuild?.percent : nil,
                    rebuild: rebuild))
        }
        return statuses
    }
}
