import Foundation

/// The numbered SQL migrations shipped with the binary, in the order they must be applied.
public enum MigrationFiles {
    /// One migration file: its name (e.g. `0001_event_log.sql`) and SQL text.
    public struct File: Sendable, Hashable {
        /// The file name, which starts with its four-digit number.
        public let name: String
        /// The SQL to run.
        public let sql: String
    }

    /// Every bundled migration, sorted by name.
    public static func all() throws -> [File] {
        guard let directory = Bundle.module.url(forResource: "sql", withExtension: nil) else { return [] }
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".sql") }
            .sorted()
        return try names.map { name in
            File(name: name, sql: try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8))
        }
    }
}
