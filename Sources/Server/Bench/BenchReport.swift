/// Formats benchmark results: an aligned table for people, tab-separated values for scripts.
enum BenchReport {
    /// The column titles of the table.
    static let columns = ["writers", "appends", "appends/s", "p50 ms", "p99 ms", "max ms", "commits", "appends/commit"]

    /// The column names of the tab-separated file (`scripts/bench` reads them by name).
    static let fields = ["writers", "appends", "appends_per_s", "p50_ms", "p99_ms", "max_ms", "commits", "appends_per_commit"]

    /// One result's cells, in column order; `-` where a figure is unknown.
    static func cells(_ result: BenchLevelResult) -> [String] {
        let perCommit = result.commits.flatMap { $0 > 0 ? Double(result.appends) / Double($0) : nil }
        return [
            String(result.writers), String(result.appends), result.appendsPerSecond.formatted(decimals: 0),
            result.latency.p50.milliseconds.formatted(decimals: 2), result.latency.p99.milliseconds.formatted(decimals: 2),
            result.latency.maximum.milliseconds.formatted(decimals: 2), result.commits.map(String.init) ?? "-",
            perCommit?.formatted(decimals: 2) ?? "-",
        ]
    }

    /// The results as a right-aligned text table with a header line.
    static func table(_ results: [BenchLevelResult]) -> String {
        let rows = [columns] + results.map(cells)
        let widths = columns.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            zip(row, widths).map { cell, width in String(repeating: " ", count: width - cell.count) + cell }
                .joined(separator: "  ")
        }.joined(separator: "\n")
    }

    /// The results as tab-separated values with a header line.
    static func tsv(_ results: [BenchLevelResult]) -> String {
        ([fields] + results.map(cells)).map { $0.joined(separator: "\t") }.joined(separator: "\n") + "\n"
    }
}
