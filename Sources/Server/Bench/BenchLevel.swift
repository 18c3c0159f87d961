import EventStore
import Events
import PostgresNIO

/// Drives one concurrency level: `writers` tasks, each appending one event at a time through the
/// store and timing every append with `ContinuousClock`.
struct BenchLevel: Sendable {
    /// The store under test.
    let store: PostgresEventStore
    /// The client the store runs on, for reading what the level left in the log.
    let client: PostgresClient
    /// The pool of streams; each append picks one at random.
    let streams: [StreamID]
    /// Builds each event's payload.
    let payload: BenchPayload
    /// Metadata stored with every benchmark event.
    let metadata: EventMetadata

    /// One writer's record: its latencies, and the error that stopped it, if any.
    struct Tally: Sendable {
        var latencies: [Duration] = []
        var failure: String?
    }

    /// Runs `writers` concurrent writers until `stop` and returns what they measured.
    func run(writers: Int, stop: BenchStop) async -> BenchLevelResult {
        let clock = ContinuousClock()
        let start = clock.now
        var deadline: ContinuousClock.Instant?
        if case .duration(let duration) = stop { deadline = start + duration }
        let tallies = await withTaskGroup(of: Tally.self, returning: [Tally].self) { [deadline] group in
            for index in 0..<writers {
                let quota = stop.quota(writer: index, of: writers)
                group.addTask { await self.write(writer: index, quota: quota, deadline: deadline, clock: clock) }
            }
            var all: [Tally] = []
            for await tally in group { all.append(tally) }
            return all
        }
        let elapsed = start.duration(to: clock.now)
        let latencies = tallies.flatMap(\.latencies)
        return BenchLevelResult(
            writers: writers, appends: latencies.count, elapsed: elapsed, latency: LatencySummary(latencies),
            failures: tallies.compactMap(\.failure))
    }

    /// One writer's loop: append, time it, repeat until the quota or the deadline; stop at the first error.
    private func write(writer: Int, quota: Int?, deadline: ContinuousClock.Instant?, clock: ContinuousClock) async -> Tally {
        var tally = Tally()
        tally.latencies.reserveCapacity(quota ?? 16_384)
        var sequence = 0
        while !Task.isCancelled {
            if let quota, sequence >= quota { break }
            if let deadline, clock.now >= deadline { break }
            let request = AppendRequest(
                stream: streams[Int.random(in: streams.indices)], expectedVersion: .any,
                events: [payload.event(writer: writer, sequence: sequence)], metadata: metadata)
            let began = clock.now
            do {
                _ = try await store.append(request)
            } catch {
                tally.failure = "\(error)"
                break
            }
            tally.latencies.append(began.duration(to: clock.now))
            sequence += 1
        }
        return tally
    }

    /// How many commits wrote the events at positions `after + 1 ... through`. Every event of one
    /// group commit carries the same `recorded_at` (the planner stamps a batch once), so this counts
    /// distinct `recorded_at` values; two batches stamped within the same microsecond would count once.
    func commits(after: Int64, through: Int64) async throws -> Int {
        let rows = try await client.query(
            "SELECT count(DISTINCT recorded_at)::bigint FROM events WHERE position > \(after) AND position <= \(through)")
        for try await count in rows.decode(Int64.self) { return Int(count) }
        return 0
    }
}

/// What one level measured.
struct BenchLevelResult: Sendable {
    /// The number of concurrent writers.
    let writers: Int
    /// Successful appends (one event each).
    let appends: Int
    /// Wall-clock time from starting the first writer to the last one finishing.
    let elapsed: Duration
    /// Latency percentiles over every successful append.
    let latency: LatencySummary
    /// The error that stopped each failed writer (empty when all succeeded).
    let failures: [String]
    /// How many commits the appends took, when known (see `BenchLevel.commits`).
    var commits: Int?

    /// Successful appends per second of wall-clock time.
    var appendsPerSecond: Double {
        elapsed > .zero ? Double(appends) / elapsed.seconds : 0
    }
}
