import BoundedPostgres
import Logging
import PostgresNIO

/// Reads and writes `projection_rebuilds`, the latest rebuild of each projection.
enum RebuildRecords {
    /// Replaces the projection's row with a new running rebuild.
    static func start(_ name: String, target: Int64, on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query(
            """
            INSERT INTO projection_rebuilds (name, state, position, target, started_at, finished_at, error, backend_pid)
            VALUES (\(name), 'running', 0, \(target), now(), NULL, NULL, pg_backend_pid())
            ON CONFLICT (name) DO UPDATE SET state = 'running', position = 0, target = EXCLUDED.target,
                started_at = now(), finished_at = NULL, error = NULL, backend_pid = EXCLUDED.backend_pid
            """, logger: logger)
    }

    /// Records the replay's progress (inside the page's transaction).
    static func progress(_ name: String, position: Int64, on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query("UPDATE projection_rebuilds SET position = \(position) WHERE name = \(name)", logger: logger)
    }

    /// Records the end of the rebuild: completed at `position`, or failed with `error`.
    static func finish(
        _ name: String, position: Int64, error: String?, on connection: PostgresConnection, logger: Logger
    ) async throws {
        let state = error == nil ? "completed" : "failed"
        try await connection.query(
            """
            UPDATE projection_rebuilds SET state = \(state), position = greatest(position, \(position)), finished_at = now(),
                error = \(error), backend_pid = NULL
            WHERE name = \(name)
            """, logger: logger)
    }

    /// The latest rebuild of every projection that had one; a running row whose backend is gone is interrupted.
    static func all(client: PostgresClient, logger: Logger) async throws -> [String: RebuildState] {
        try await client.bounded { connection in try await all(connection, logger: logger) }
    }

    private static func all(_ connection: PostgresConnection, logger: Logger) async throws -> [String: RebuildState] {
        let rows = try await connection.query(
            """
            SELECT name, CASE WHEN state = 'running' AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.pid = r.backend_pid)
                              THEN 'interrupted' ELSE state END,
                   position, target, to_char(started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                   to_char(finished_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), error
            FROM projection_rebuilds r
            """, logger: logger)
        var states: [String: RebuildState] = [:]
        for try await (name, phase, position, target, startedAt, finishedAt, error) in rows.decode(
            (String, String, Int64, Int64, String, String?, String?).self)
        {
            states[name] = RebuildState(
                name: name, phase: RebuildState.Phase(rawValue: phase) ?? .failed, position: position, target: target,
                startedAt: startedAt, finishedAt: finishedAt, error: error)
        }
        return states
    }
}
