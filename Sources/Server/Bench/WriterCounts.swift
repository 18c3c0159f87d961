import ArgumentParser

/// The concurrency levels of a benchmark, given on the command line as a comma-separated list
/// (`--writers 1,4,16`); each level is measured separately, in the order given.
struct WriterCounts: ExpressibleByArgument, Sendable, Hashable, CustomStringConvertible {
    /// The numbers of concurrent writers, each at least 1.
    let levels: [Int]

    /// The largest level, which sizes the connection pool.
    var maximum: Int { levels.max() ?? 1 }

    /// Creates the levels from numbers already checked by the caller.
    init(_ levels: [Int]) {
        self.levels = levels
    }

    /// Parses `1,4,16`; nil when any item is not a whole number from 1 to 1024.
    init?(argument: String) {
        var levels: [Int] = []
        for item in argument.split(separator: ",", omittingEmptySubsequences: false) {
            guard let count = Int(item.trimmingPrefix(" ")), (1...1024).contains(count) else { return nil }
            levels.append(count)
        }
        guard !levels.isEmpty else { return nil }
        self.levels = levels
    }

    /// The list as it is written on the command line.
    var description: String { levels.map(String.init).joined(separator: ",") }

    /// Shown in `--help` as the default.
    var defaultValueDescription: String { description }
}
