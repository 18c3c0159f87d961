import Foundation
import Logging
import PostgresNIO

/// A table of versions by log position, one key per row — `(key, valid_from, valid_to, value jsonb)`,
/// `valid_to IS NULL` for the current row — as the unit tree, the obligation catalog and the
/// incident history keep them. Rows are read as `key || ' ' || value::text` (keys have no spaces).
struct KeyedVersions<Value: Codable & Sendable>: Sendable {
    let table: String
    let key: String
    let value: String
    /// The SQL expression a row is read as, for `decode`.
    var keyedText: String { "\(key) || ' ' || \(value)::text" }

    /// The current value of each of `keys` that has one.
    func current(of keys: some Collection<String>, on connection: PostgresConnection, logger: Logger) async throws -> [String: Value] {
        var binds = PostgresBindings()
        binds.append(Array(keys))
        let rows = try await connection.query(
            PostgresQuery(unsafeSQL: "SELECT \(keyedText) FROM \(table) WHERE valid_to IS NULL AND \(key) = ANY($1::text[])", binds: binds),
            logger: logger)
        var current: [String: Value] = [:]
        for try await text in rows.decode(String.self) {
            let (key, value) = try Self.decode(text)
            current[key] = value
        }
        return current
    }

    /// Closes each key's current row at its first new version, then inserts the versions, each valid
    /// until the next and the last one open: two statements, closed first, as the index of current
    /// rows is unique and one statement's data-modifying parts run in no set order.
    func write(_ opened: [String: [(from: Int64, value: Value)]], on connection: PostgresConnection, logger: Logger) async throws {
        guard !opened.isEmpty else { return }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        var keys: [String] = []
        var froms: [Int64] = []
        var tos: [Int64] = []
        var texts: [String] = []
        for (key, versions) in opened {
            for (index, version) in versions.enumerated() {
                keys.append(key)
                froms.append(version.from)
                // An open version is sent as 0 (positions start at 1) and stored as NULL.
                tos.append(index + 1 < versions.count ? versions[index + 1].from : 0)
                texts.append(String(decoding: try encoder.encode(version.value), as: UTF8.self))
            }
        }
        let firsts = opened.map { (key: $0.key, at: $0.value[0].from) }
        var closing = PostgresBindings()
        closing.append(firsts.map(\.key))
        closing.append(firsts.map(\.at))
        try await connection.query(
            PostgresQuery(
                unsafeSQL: """
                    UPDATE \(table) v SET valid_to = c.at FROM unnest($1::text[], $2::bigint[]) AS c(k, at)
                    WHERE v.\(key) = c.k AND v.valid_to IS NULL
                    """, binds: closing), logger: logger)
        var opening = PostgresBindings()
        opening.append(keys)
        opening.append(froms)
        opening.append(tos)
        opening.append(texts)
        try await connection.query(
            PostgresQuery(
                unsafeSQL: """
                    INSERT INTO \(table) (\(key), valid_from, valid_to, \(value))
                    SELECT k, f, NULLIF(t, 0), v::jsonb
                    FROM unnest($1::text[], $2::bigint[], $3::bigint[], $4::text[]) AS x(k, f, t, v)
                    """, binds: opening), logger: logger)
    }

    /// A row read as `keyedText`: its key and its value.
    static func decode(_ text: String, decoder: JSONDecoder = JSONDecoder()) throws -> (key: String, value: Value) {
        let key = text.prefix { $0 != " " }
        let json = text.dropFirst(key.count + 1)
        return (String(key), try decoder.decode(Value.self, from: Data(json.utf8)))
    }
}
