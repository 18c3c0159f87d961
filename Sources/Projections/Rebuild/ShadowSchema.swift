import Logging
import PostgresNIO

/// A private schema holding empty copies of a projection's tables (`CREATE TABLE … (LIKE live
/// INCLUDING ALL)`: columns, defaults, constraints, indexes, generated columns). Putting the schema
/// first on the transaction's `search_path` makes the projection's unqualified table names resolve
/// to the copies, so `apply` replays into them without knowing it.
struct ShadowSchema: Sendable {
    /// The schema's name.
    let name: String
    /// The projection's tables (unqualified).
    let tables: [String]
    /// The schema each live table lives in, resolved when the copies were created.
    var liveSchemas: [String: String] = [:]

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
