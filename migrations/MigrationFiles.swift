/// The numbered SQL migrations shipped inside the binary, in the order they must be applied.
///
/// The `.sql` files in `migrations/sql` are the only source: the `EmbeddedFiles` build plugin
/// compiles their text into this target, so the executable needs no resource bundle beside it.
public enum MigrationFiles {
    /// One migration file: its name (e.g. `0001_event_log.sql`) and SQL text.
    public struct File: Sendable, Hashable {
        /// The file name, which starts with its four-digit number.
        public let name: String
        /// The SQL to run.
        public let sql: String
    }

    /// Every embedded migration, sorted by name.
    public static func all() throws -> [File] {
        EmbeddedFiles.all
            .filter { $0.path.hasPrefix("sql/") && $0.path.hasSuffix(".sql") }
            .map { File(name: String($0.path.dropFirst("sql/".count)), sql: $0.text) }
            .sorted { $0.name < $1.name }
    }
}
