import BoundedPostgres
import Logging
import Migrations
import PostgresNIO

/// Applies the numbered SQL migrations in order, each in its own transaction, and records each one's
/// name and checksum; refuses to go on when an applied file has changed since it ran.
public struct Migrator: Sendable {
    /// Where the database stands against the bundled migrations.
    public struct Status: Sendable, Hashable {
        /// Names already applied.
        public var applied: [String]
        /// Names not yet applied, in the order they will run.
        public var pending: [String]
    }

    static let lockKey: Int64 = 0x6D69_6772_6174_65

    let client: PostgresClient
    let logger: Logger
    let files: [MigrationFiles.File]

    /// Creates a migrator for the bundled migration files (or the given ones, in tests).
    public init(client: PostgresClient, logger: Logger, files: [MigrationFiles.File]? = nil) throws {
        self.client = client
        self.logger = logger
        self.files = try files ?? MigrationFiles.all()
    }

    /// Compares the database with the bundled files without changing anything; throws when an
    /// applied file changed or is unknown.
    public func status() async throws -> Status {
        try Self.compare(files: files, recorded: try await appliedChecksums())
    }

    /// Applies every pending migration; returns the names applied.
    @discardableResult
    public func migrate() async throws -> [String] {
        try await ensureTable()
        let pending = try await status().pending
        var applied: [String] = []
        for file in files where pending.contains(file.name) {
            let ran = try await client.withTransaction(logger: logger) { connection -> Bool in
                try await connection.query("SELECT pg_advisory_xact_lock(\(Self.lockKey))", logger: logger)
                let already = try await connection.query(
                    "SELECT 1 FROM schema_migrations WHERE name = \(file.name)", logger: logger)
                for try await _ in already { return false }
                for statement in SQLScript.statements(file.sql) {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await connection.query(
                    "INSERT INTO schema_migrations (name, checksum) VALUES (\(file.name), \(Self.checksum(file)))",
                    logger: logger)
                return true
            }
            if ran {
                logger.info("applied migration", metadata: ["migration": "\(file.name)"])
                applied.append(file.name)
            }
        }
        return applied
    }

    static func checksum(_ file: MigrationFiles.File) -> String {
        HashChain.sha256Hex(file.sql.utf8)
    }

    static func compare(files: [MigrationFiles.File], recorded: [String: String]) throws -> Status {
        let known = Set(files.map(\.name))
        if let unknown = recorded.keys.sorted().first(where: { !known.contains($0) }) {
            throw MigrationError.unknownMigrationApplied(name: unknown)
        }
        var status = Status(applied: [], pending: [])
        for file in files {
            guard let checksum = recorded[file.name] else {
                status.pending.append(file.name)
                continue
            }
            guard checksum == Self.checksum(file) else {
                throw MigrationError.appliedFileChanged(name: file.name, recorded: checksum, current: Self.checksum(file))
            }
            status.applied.append(file.name)
        }
        return status
    }

    /// Creates the bookkeeping table under the migration lock: concurrent `CREATE TABLE IF NOT EXISTS`
    /// statements race in PostgreSQL's catalog and one fails with a unique violation on `pg_type`.
    /// Creates the bookkeeping table under the migration lock, so concurrent migrators cannot race.
    private func ensureTable() async throws {
        try await client.withTransaction(logger: logger) { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(\(Self.lockKey))", logger: logger)
            try await connection.query(
                """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    name text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())
                """, logger: logger)
        }
    }

    /// Read within bounds: readiness asks this of a database that may have just restarted.
    private func appliedChecksums() async throws -> [String: String] {
        let logger = logger
        return try await client.bounded { connection in
            var recorded: [String: String] = [:]
            let exists = try await connection.query("SELECT to_regclass('schema_migrations') IS NOT NULL", logger: logger)
            for try await present in exists.decode(Bool.self) where !present { return recorded }
            let rows = try await connection.query("SELECT name, checksum FROM schema_migrations", logger: logger)
            for try await (name, checksum) in rows.decode((String, String).self) { recorded[name] = checksum }
            return recorded
        }
    }
}

/// Why the migrator or the server refuses to go on.
public enum MigrationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A migration that ran has been edited since; its recorded checksum no longer matches.
    case appliedFileChanged(name: String, recorded: String, current: String)
    /// The database has a migration this binary does not know (the binary is older than the database).
    case unknownMigrationApplied(name: String)
    /// Migrations are pending; the server will not start.
    case behind(pending: [String])

    public var description: String {
        switch self {
        case .appliedFileChanged(let name, let recorded, let current):
            return "migration \(name) was changed after it was applied (recorded checksum \(recorded.prefix(12))…, "
                + "file now \(current.prefix(12))…). Restore the file and add a new migration instead."
        case .unknownMigrationApplied(let name):
            return "the database has migration \(name), which this binary does not ship: run a newer build"
        case .behind(let pending):
            return "the database is behind by \(pending.count) migration(s) (\(pending.joined(separator: ", "))). "
                + "Run `opinion-ledger migrate` first."
        }
    }
}
