import ArgumentParser
import EventStore
import Events
import Foundation
import Logging
import PostgresNIO
import Projections

/// `opinion-ledger bench-rebuild`: writes a log of incidents and reports, then times a rebuild of
/// every projection from position 0 (see docs/performance.md).
struct BenchRebuildCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-rebuild", abstract: "Benchmark rebuilding each projection (run in release mode).",
        discussion: """
            WARNING: this APPENDS TEST EVENTS to the event log of the database in DATABASE_URL, and events \
            can never be deleted. It refuses a database that already holds events. scripts/bench --rebuild \
            creates a fresh database, builds in release mode and runs this command.

            It appends --incidents incident streams (3 or 4 events each) and --reports duty streams (2 \
            events each), then rebuilds each projection from position 0 --rounds times, with nothing else \
            running, and prints the events each rebuild applied per second.
            """)

    @Option(help: "Incident streams to write (3 or 4 events each).")
    var incidents = 40_000

    @Option(help: "Reporting-duty streams to write (2 events each).")
    var reports = 30_000

    @Option(help: "Rebuilds of each projection; the median is reported.")
    var rounds = 3

    func validate() throws {
        guard incidents >= 0, reports >= 0, incidents + reports > 0 else { throw ValidationError("write at least one stream") }
        guard (1...20).contains(rounds) else { throw ValidationError("--rounds must be from 1 to 20") }
    }

    func run() async throws {
        #if DEBUG
            FileHandle.standardError.write(
                Data("WARNING: this is a debug build; its figures are meaningless. Build with -c release (scripts/bench does).\n".utf8))
        #endif
        let configuration = try ServerConfiguration(environment: ProcessInfo.processInfo.environment)
        let logger = configuration.logger("opinion-ledger.bench-rebuild")
        let (incidents, reports, rounds) = (incidents, reports, rounds)
        try await BenchDatabase.run(configuration, maximumConnections: 18, logger: logger) { client in
            let store = PostgresEventStore(client: client, logger: logger)
            try await ReadinessCheck(client: client, logger: logger).requireCurrentMigrations()
            let existing = try await store.headPosition()
            guard existing == 0 else {
                throw BenchRefused(
                    description: "the database already holds \(existing) events; bench-rebuild needs an empty one (scripts/bench --rebuild)"
                )
            }
            let started = ContinuousClock.now
            let written = try await RebuildBenchLog(store: store, incidents: incidents, reports: reports, writers: 16).write()
            print(
                "wrote \(written) events (\(incidents) incidents, \(reports) reports) in \(String(format: "%.1f", started.duration(to: .now).seconds)) s"
            )
            print("projection\tevents applied\tlog events\tmedian seconds\tevents/s\tlog events/s")
            for projection in ProjectionService.projections() {
                let applied = try await Self.count(projection.eventTypes, client: client, logger: logger)
                var seconds: [Double] = []
                for _ in 0..<rounds {
                    let start = ContinuousClock.now
                    try await ProjectionRebuild(projection: projection, store: store, client: client, logger: logger).run()
                    seconds.append(start.duration(to: .now).seconds)
                }
                let median = seconds.sorted()[seconds.count / 2]
                print(
                    "\(projection.name)\t\(applied)\t\(written)\t\(String(format: "%.2f", median))\t"
                        + "\(Int(Double(applied) / median))\t\(Int(Double(written) / median))")
            }
        }
    }

    /// How many events of `types` the log holds (all when empty).
    static func count(_ types: [String], client: PostgresClient, logger: Logger) async throws -> Int64 {
        let rows = try await client.query(
            "SELECT count(*)::bigint FROM events WHERE event_type = ANY(\(types)::text[]) OR \(types.isEmpty)", logger: logger)
        for try await count in rows.decode(Int64.self) { return count }
        return 0
    }
}
