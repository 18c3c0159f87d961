/// The latency distribution of one level: percentiles by the nearest-rank method over every append.
struct LatencySummary: Sendable, Hashable {
    /// How many latencies were recorded.
    let count: Int
    /// The median.
    let p50: Duration
    /// The 99th percentile.
    let p99: Duration
    /// The slowest append.
    let maximum: Duration

    /// Summarises `latencies` (any order); all zero when there are none.
    init(_ latencies: [Duration]) {
        let sorted = latencies.sorted()
        count = sorted.count
        p50 = Self.percentile(50, of: sorted)
        p99 = Self.percentile(99, of: sorted)
        maximum = sorted.last ?? .zero
    }

    /// The nearest-rank percentile: the smallest value with at least `percent`% of values at or below it.
    static func percentile(_ percent: Int, of sorted: [Duration]) -> Duration {
        guard !sorted.isEmpty else { return .zero }
        let rank = (percent * sorted.count + 99) / 100
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }
}
