/// Why the benchmark will not run against the database it was given.
struct BenchRefused: Error, CustomStringConvertible {
    /// What is wrong and what to do instead.
    let description: String
}
