/// Quotes names into SQL text: schema and table names cannot be bound as parameters.
enum SQLIdentifier {
    /// `name` as a quoted identifier (`"a""b"` for `a"b`).
    static func quoted(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// `schema.table`, both quoted.
    static func qualified(_ schema: String, _ table: String) -> String {
        quoted(schema) + "." + quoted(table)
    }

    /// A schema name derived from a projection name: lower-case letters, digits and `_`, at most 63 bytes.
    static func schemaName(prefix: String, projection: String) -> String {
        let body = projection.lowercased().unicodeScalars.map { scalar -> Character in
            (("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)) ? Character(scalar) : "_"
        }
        return String((prefix + String(body)).prefix(63))
    }
}
