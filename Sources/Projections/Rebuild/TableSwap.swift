import Logging
import PostgresNIO

/// Replaces live tables by their rebuilt copies inside the caller's transaction: drops each live
/// table, moves the copy into the live schema, and gives its indexes the live indexes' names (matched
/// by definition), so later migrations that name an index keep working.
enum TableSwap {
    static func swap(_ shadow: ShadowSchema, on connection: PostgresConnection, logger: Logger) async throws {
        for table in shadow.tables {
            let liveSchema = shadow.liveSchemas[table] ?? "public"
            var oldNames = try await indexes(of: shadow.live(table), on: connection, logger: logger)
            try await connection.query(PostgresQuery(unsafeSQL: "DROP TABLE \(shadow.live(table))"), logger: logger)
            try await connection.query(
                PostgresQuery(unsafeSQL: "ALTER TABLE \(shadow.copy(table)) SET SCHEMA \(SQLIdentifier.quoted(liveSchema))"),
                logger: logger)
            let newNames = try await indexes(of: shadow.live(table), on: connection, logger: logger)
            // Two steps, so that no new name can collide with another index's old name midway.
            var renames: [(temporary: String, final: String)] = []
            for (index, (name, definition)) in newNames.enumerated() {
                guard let match = oldNames.firstIndex(where: { $0.definition == definition }) else { continue }
                let old = oldNames.remove(at: match).name
                guard old != name else { continue }
                let temporary = "swap_\(index)_" + String(table.prefix(40))
                try await rename(liveSchema, name, to: temporary, on: connection, logger: logger)
                renames.append((temporary, old))
            }
            for (temporary, final) in renames {
                try await rename(liveSchema, temporary, to: final, on: connection, logger: logger)
            }
        }
    }

    /// Each index of a table: its name and its definition without the name and table (e.g. `UNIQUE btree (a, b)`).
    static func indexes(of table: String, on connection: PostgresConnection, logger: Logger) async throws -> [(
        name: String, definition: String
    )] {
        let rows = try await connection.query(
            """
            SELECT c.relname,
                   CASE WHEN i.indisunique THEN 'UNIQUE ' ELSE '' END || regexp_replace(pg_get_indexdef(i.indexrelid), '^.*? USING ', '')
            FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
            WHERE i.indrelid = \(table)::regclass ORDER BY c.relname
            """, logger: logger)
        var result: [(name: String, definition: String)] = []
        for try await (name, definition) in rows.decode((String, String).self) { result.append((name, definition)) }
        return result
    }

    private static func rename(_ schema: String, _ index: String, to name: String, on connection: PostgresConnection, logger: Logger)
        async throws
    {
        try await connection.query(
            PostgresQuery(unsafeSQL: "ALTER INDEX \(SQLIdentifier.qualified(schema, index)) RENAME TO \(SQLIdentifier.quoted(name))"),
            logger: logger)
    }
}
