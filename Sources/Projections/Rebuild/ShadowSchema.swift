import Logging
import PostgresNIO

/// A private schema holding empty copies of a projection's tables (`CREATE TABLE … (LIKE live
/// INCLUDING ALL)`: columns, defaults, constraints, indexes, generated columns). Putting the schema
/// first on the transaction's `search_path` makes the projection's unqualified table names resolve
/// to the copies, so `apply` replays into them without knowing it. The copies' secondary indexes
/// (neither unique nor backing a constraint) are dropped at first and built once after the replay:
/// a bulk build is much cheaper than keeping them up to date row by row.
struct ShadowSchema: Sendable {
    /// The schema's name.
    let name: String
    /// The projection's tables (unqualified).
    let tables: [String]
    /// The schema each live table lives in, resolved when the copies were created.
    var liveSchemas: [String: String] = [:]
    /// The secondary indexes left out of the copies until `buildDeferredIndexes`: table and definition tail.
    var deferredIndexes: [(table: String, definition: String)] = []

    /// The schema a rebuild replays into.
    static func rebuild(of projection: any Projection) -> ShadowSchema {
        ShadowSchema(name: SQLIdentifier.schemaName(prefix: "rebuild_", projection: projection.name), tables: projection.tables)
    }

    /// The schema a determinism check replays into.
    static func scratch(of projection: any Projection) -> ShadowSchema {
        ShadowSchema(name: SQLIdentifier.schemaName(prefix: "check_", projection: projection.name), tables: projection.tables)
    }

    /// Drops any leftover copy, then creates the schema and an empty copy of every table.
    mutating func create(projection: String, on connection: PostgresConnection, logger: Logger) async throws {
        liveSchemas = [:]
        for table in tables {
            let rows = try await connection.query(
                """
                SELECT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE c.oid = to_regclass(\(SQLIdentifier.quoted(table)))
                """, logger: logger)
            for try await schema in rows.decode(String.self) { liveSchemas[table] = schema }
            guard liveSchemas[table] != nil else { throw RebuildError.missingTable(projection: projection, table: table) }
        }
        try await drop(on: connection, logger: logger)
        try await connection.query(PostgresQuery(unsafeSQL: "CREATE SCHEMA \(SQLIdentifier.quoted(name))"), logger: logger)
        for table in tables {
            try await connection.query(
                PostgresQuery(
                    unsafeSQL: "CREATE TABLE \(SQLIdentifier.qualified(name, table)) (LIKE \(live(table)) INCLUDING ALL)"),
                logger: logger)
        }
        try await deferSecondaryIndexes(on: connection, logger: logger)
    }

    /// Drops the copies' secondary indexes and remembers their definitions.
    private mutating func deferSecondaryIndexes(on connection: PostgresConnection, logger: Logger) async throws {
        deferredIndexes = []
        var names: [String] = []
        for table in tables {
            let rows = try await connection.query(
                """
                SELECT c.relname, regexp_replace(pg_get_indexdef(i.indexrelid), '^.*? USING ', '')
                FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
                WHERE i.indrelid = \(copy(table))::regclass AND NOT i.indisunique AND NOT i.indisprimary
                  AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
                ORDER BY c.relname
                """, logger: logger)
            for try await (index, definition) in rows.decode((String, String).self) {
                names.append(index)
                deferredIndexes.append((table, definition))
            }
        }
        for index in names {
            try await connection.query(
                PostgresQuery(unsafeSQL: "DROP INDEX \(SQLIdentifier.qualified(name, index))"), logger: logger)
        }
    }

    /// Builds the indexes `create` left out, in bulk, on the filled copies.
    func buildDeferredIndexes(on connection: PostgresConnection, logger: Logger) async throws {
        for (table, definition) in deferredIndexes {
            try await connection.query(
                PostgresQuery(unsafeSQL: "CREATE INDEX ON \(copy(table)) USING \(definition)"), logger: logger)
        }
    }

    /// Drops the schema and whatever is left in it.
    func drop(on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query(PostgresQuery(unsafeSQL: "DROP SCHEMA IF EXISTS \(SQLIdentifier.quoted(name)) CASCADE"), logger: logger)
    }

    /// Puts the schema first on the search path until the current transaction ends; returns the
    /// path it replaced, for `leave`.
    @discardableResult
    func enter(on connection: PostgresConnection, logger: Logger) async throws -> String {
        var previous = "public"
        for try await path in try await connection.query("SELECT current_setting('search_path')", logger: logger).decode(String.self) {
            previous = path
        }
        let path = SQLIdentifier.quoted(name) + ", " + previous
        try await connection.query("SELECT set_config('search_path', \(path), true)", logger: logger)
        return previous
    }

    /// Restores the search path `enter` replaced, within the same transaction.
    func leave(restoring previous: String, on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query("SELECT set_config('search_path', \(previous), true)", logger: logger)
    }

    /// Refreshes the planner's statistics of the copies (before they go live).
    func analyze(on connection: PostgresConnection, logger: Logger) async throws {
        for table in tables {
            try await connection.query(PostgresQuery(unsafeSQL: "ANALYZE \(SQLIdentifier.qualified(name, table))"), logger: logger)
        }
    }

    /// The live table, qualified.
    func live(_ table: String) -> String {
        SQLIdentifier.qualified(liveSchemas[table] ?? "public", table)
    }

    /// The copy, qualified.
    func copy(_ table: String) -> String {
        SQLIdentifier.qualified(name, table)
    }
}
