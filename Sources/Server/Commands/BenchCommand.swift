import ArgumentParser
import EventStore
import Events
import Foundation
import Logging
import PostgresNIO

/// `opinion-ledger bench`: measures appends through the store (see docs/performance.md).
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Benchmark appends through the event store (run in release mode).",
        discussion: """
            WARNING: this APPENDS TEST EVENTS to the event log of the database in DATABASE_URL, and events \
            can never be deleted. Run it against a throwaway database: it refuses a database that already \
            holds events unless --allow-existing is given. scripts/bench creates fresh databases, builds in \
            release mode, runs this command and compares it with pgbench.

            Each writer appends one event at a time (expected version .any, a JSON payload of about \
            --payload-bytes, a stream picked at random from --streams) and times every append with a \
            monotonic clock. Each level of --writers is measured in turn; at the end the whole hash chain \
            is verified.
            """)

    @Option(help: "Comma-separated numbers of concurrent writers; each is measured in turn.")
    var writers = WriterCounts([1, 4, 16])

    @Option(help: "Seconds to measure at each level (ignored when --appends is given).")
    var duration: Double = 10

    @Option(help: "Measure a fixed number of appends per level instead of a fixed duration.")
    var appends: Int?

    @Option(help: "Approximate size of each event's canonical JSON payload, in bytes.")
    var payloadBytes = 500

    @Option(help: "How many streams the writers spread their appends over.")
    var streams = 1000

    @Flag(help: "Run even if the database already holds events (the test events are appended to them).")
    var allowExisting = false

    @Option(help: "Also write the results as tab-separated values to this file (used by scripts/bench).")
    var resultsFile: String?

    func validate() throws {
        guard duration > 0, duration <= 3600 else { throw ValidationError("--duration must be more than 0 and at most 3600 seconds") }
        if let appends, appends < 1 { throw ValidationError("--appends must be at least 1") }
        guard (2...1_000_000).contains(payloadBytes) else { throw ValidationError("--payload-bytes must be from 2 to 1000000") }
        guard (1...1_000_000).contains(streams) else { throw ValidationError("--streams must be from 1 to 1000000") }
    }

    func run() async throws {
        #if DEBUG
            FileHandle.standardError.write(
                Data("WARNING: this is a debug build; its figures are meaningless. Build with -c release (scripts/bench does).\n".utf8))
        #endif
        let configuration = try ServerConfiguration(environment: ProcessInfo.processInfo.environment)
        let logger = configuration.logger("opinion-ledger.bench")
        let stop: BenchStop = appends.map { .appends($0) } ?? .duration(.milliseconds(Int64((duration * 1000).rounded())))
        let payload = try BenchPayload(bytes: payloadBytes)
        let streamIDs = (0..<streams).map { StreamID("bench-\($0)")! }
        let levels = writers.levels
        let allowExisting = allowExisting
        let resultsFile = resultsFile

        let valid = try await BenchDatabase.run(configuration, maximumConnections: writers.maximum + 2, logger: logger) { client in
            let store = PostgresEventStore(client: client, logger: logger)
            try await ReadinessCheck(client: client, logger: logger).requireCurrentMigrations()
            let existing = try await store.headPosition()
            if existing > 0 && !allowExisting {
                throw BenchRefused(
                    description: "the database already holds \(existing) events and bench appends test events that can never be deleted; "
                        + "use a fresh database (scripts/bench creates one) or pass --allow-existing")
            }
            let bench = BenchLevel(
                store: store, client: client, streams: streamIDs, payload: payload,
                metadata: EventMetadata(actor: .system("bench")))
            print(
                "opinion-ledger bench: \(stop), payload \(try payload.canonicalSize()) bytes, \(streamIDs.count) streams, "
                    + "writers \(levels.map(String.init).joined(separator: ","))")

            let warmUp = await bench.run(writers: levels.max() ?? 1, stop: .appends(20 * (levels.max() ?? 1)))
            guard warmUp.failures.isEmpty else { return Self.reportFailures(warmUp, during: "warm-up") }
            print("warm-up: \(warmUp.appends) appends (not measured)")

            var results: [BenchLevelResult] = []
            for level in levels {
                let before = try await store.headPosition()
                var result = await bench.run(writers: level, stop: stop)
                guard result.failures.isEmpty else { return Self.reportFailures(result, during: "\(level) writers") }
                result.commits = try await bench.commits(after: before, through: try await store.headPosition())
                results.append(result)
                print("measured \(level) writers: \(result.appendsPerSecond.formatted(decimals: 0)) appends/s")
            }
            print("")
            print(BenchReport.table(results))
            print("")
            if let resultsFile {
                try BenchReport.tsv(results).write(toFile: resultsFile, atomically: true, encoding: .utf8)
            }

            let verification = try await store.verifyChain()
            if verification.valid {
                print("hash chain valid: \(verification.checked) events, head position \(verification.head?.position ?? 0)")
            } else {
                let position = verification.firstBreak?.position ?? 0
                print("HASH CHAIN BROKEN at position \(position): \(verification.firstBreak?.reason ?? "unknown")")
            }
            return verification.valid
        }
        guard valid else { throw ExitCode.failure }
    }

    /// Prints why a level's writers stopped; returns false so that the command fails.
    private static func reportFailures(_ result: BenchLevelResult, during phase: String) -> Bool {
        print(
            "bench failed during \(phase): \(result.failures.count) of \(result.writers) writers stopped on an error; first: "
                + (result.failures.first ?? "unknown"))
        return false
    }
}
