import Logging
import PostgresNIO

/// Compares a live table with its replayed copy row by row, in SQL: a digest of each side (SHA-256
/// over each row's `to_jsonb` text, one per line, in primary-key order) and the keys of the rows
/// that are missing, extra or changed. A table without a primary key is keyed by the whole row.
enum ProjectionComparison {
    /// The most differing rows listed per table.
    static let reportLimit = 100

    struct TableResult {
        var liveDigest: String
        var replayDigest: String
        var differences: [ProjectionCheckReport.Difference]
        var count: Int
    }

    static func compare(_ table: String, live: String, replay: String, on connection: PostgresConnection, logger: Logger) async throws
        -> TableResult
    {
        let names = try await primaryKey(of: live, on: connection, logger: logger)
        let keys = names.map(SQLIdentifier.quoted)
        let order = keys.isEmpty ? "to_jsonb(t)::text" : keys.map { "t.\($0)" }.joined(separator: ", ")
        let liveDigest = try await digest(live, order: order, on: connection, logger: logger)
        let replayDigest = try await digest(replay, order: order, on: connection, logger: logger)
        let keyExpression =
            keys.isEmpty
            ? "coalesce(l.doc, r.doc)::text"
            : "jsonb_build_object("
                + names.map { "'\($0.replacingOccurrences(of: "'", with: "''"))', \(SQLIdentifier.quoted($0))" }.joined(separator: ", ")
                + ")::text"
        let keyColumns = keys.isEmpty ? "" : keys.joined(separator: ", ") + ", "
        let join = keys.isEmpty ? "ON l.doc = r.doc" : "USING (\(keys.joined(separator: ", ")))"
        let sql = """
            SELECT \(keyExpression) AS key,
                   CASE WHEN l.doc IS NULL THEN 'missing' WHEN r.doc IS NULL THEN 'extra' ELSE 'changed' END,
                   count(*) OVER ()
            FROM (SELECT \(keyColumns)to_jsonb(t) AS doc FROM \(live) t) l
            FULL JOIN (SELECT \(keyColumns)to_jsonb(t) AS doc FROM \(replay) t) r \(join)
            WHERE l.doc IS DISTINCT FROM r.doc
            ORDER BY 1 LIMIT \(reportLimit)
            """
        var differences: [ProjectionCheckReport.Difference] = []
        var count = 0
        for try await (key, kind, total) in try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger).decode(
            (String, String, Int64).self)
        {
            differences.append(.init(table: table, kind: .init(rawValue: kind) ?? .changed, key: key))
            count = Int(total)
        }
        return TableResult(liveDigest: liveDigest, replayDigest: replayDigest, differences: differences, count: count)
    }

    /// SHA-256 (hex) of one table's rows in key order.
    static func digest(_ table: String, order: String, on connection: PostgresConnection, logger: Logger) async throws -> String {
        let sql = """
            SELECT encode(sha256(convert_to(coalesce(string_agg(to_jsonb(t)::text, E'\\n' ORDER BY \(order)), ''), 'UTF8')), 'hex')
            FROM \(table) t
            """
        for try await digest in try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger).decode(String.self) {
            return digest
        }
        return ""
    }

    /// SHA-256 (hex) of text, e.g. the per-table digests joined.
    static func digest(of text: String, on connection: PostgresConnection, logger: Logger) async throws -> String {
        for try await digest in try await connection.query(
            "SELECT encode(sha256(convert_to(\(text), 'UTF8')), 'hex')", logger: logger
        ).decode(String.self) {
            return digest
        }
        return ""
    }

    /// The primary key's columns in key order (empty when the table has none).
    static func primaryKey(of table: String, on connection: PostgresConnection, logger: Logger) async throws -> [String] {
        let rows = try await connection.query(
            """
            SELECT a.attname FROM pg_index i
            JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey::int2[])
            WHERE i.indrelid = \(table)::regclass AND i.indisprimary
            ORDER BY array_position(i.indkey::int2[], a.attnum)
            """, logger: logger)
        var columns: [String] = []
        for try await column in rows.decode(String.self) { columns.append(column) }
        return columns
    }
}
