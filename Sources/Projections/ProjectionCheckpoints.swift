import BoundedPostgres
import Logging
import PostgresNIO

/// Reads and moves projection checkpoints in `projection_checkpoints`.
public enum ProjectionCheckpoints {
    /// The position a projection has applied up to (0 when it never ran).
    public static func position(of name: String, client: PostgresClient, logger: Logger) async throws -> Int64 {
        try await client.bounded { connection in
            let rows = try await connection.query("SELECT position FROM projection_checkpoints WHERE name = \(name)", logger: logger)
            for try await position in rows.decode(Int64.self) { return position }
            return 0
        }
    }

    /// Locks the projection's checkpoint row for this transaction and returns its position, creating it at 0.
    static func lock(_ name: String, on connection: PostgresConnection, logger: Logger) async throws -> Int64 {
        try await connection.query(
            "INSERT INTO projection_checkpoints (name) VALUES (\(name)) ON CONFLICT (name) DO NOTHING", logger: logger)
        let rows = try await connection.query(
            "SELECT position FROM projection_checkpoints WHERE name = \(name) FOR UPDATE", logger: logger)
        for try await position in rows.decode(Int64.self) { return position }
        return 0
    }

    /// Moves the checkpoint inside the caller's transaction, creating it if it does not exist yet
    /// (an inline model's first batch).
    static func move(_ name: String, to position: Int64, on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query(
            """
            INSERT INTO projection_checkpoints (name, position) VALUES (\(name), \(position))
            ON CONFLICT (name) DO UPDATE SET position = EXCLUDED.position, updated_at = now(), last_error = NULL
            """, logger: logger)
    }

    /// Records why the projection is stuck (outside any failed transaction).
    static func recordError(_ name: String, _ error: String, client: PostgresClient, logger: Logger) async {
        _ = try? await client.bounded { connection in
            try await connection.query(
                """
                INSERT INTO projection_checkpoints (name, last_error) VALUES (\(name), \(error))
                ON CONFLICT (name) DO UPDATE SET last_error = EXCLUDED.last_error, updated_at = now()
                """, logger: logger)
        }
    }
}
