import ArgumentParser
import EventStore
import Events
import Foundation
import Logging
import PostgresNIO

/// `opinion-ledger bench-seed`: writes the read benchmark's national-scale log through the store,
/// a range of months at a time (see `NationalBenchLog` and docs/performance.md).
struct BenchSeedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-seed", abstract: "Write the read benchmark's national-scale log (run in release mode).",
        discussion: """
            WARNING: this APPENDS TEST EVENTS to the event log of the database in DATABASE_URL, and events \
            can never be deleted. Starting at month 0 it refuses a database that already holds events; a \
            later --from-month continues a log it wrote. scripts/bench --reads creates a fresh database and \
            runs this command.

            The log: a tree of --provinces provinces × --districts districts × --communes communes under one \
            national unit (some renamed, moved and merged), four obligations (monthly from every commune, \
            weekly from every district, quarterly from provinces and districts, and a monthly one for a few \
            sample communes whose duties are left for timed filings), and, over --months months from \
            2023-12, every duty's reports and --incidents incidents through their lifecycle.
            """)

    @Option(help: "Provinces.") var provinces = 10
    @Option(help: "Districts per province.") var districts = 10
    @Option(help: "Communes per district.") var communes = 100
    @Option(help: "Incidents over the whole timeline.") var incidents = 200_000
    @Option(help: "Months in the whole timeline (from 2023-12).") var months = 36
    @Option(name: .customLong("from-month"), help: "First month to write (0-based; 0 writes the tree and obligations too).")
    var fromMonth = 0
    @Option(name: .customLong("to-month"), help: "Month to stop before (default: --months).") var toMonth: Int?
    @Option(help: "Concurrent appends.") var writers = 32

    func validate() throws {
        guard (1...100).contains(provinces), (1...100).contains(districts), (1...1_000).contains(communes) else {
            throw ValidationError("--provinces and --districts must be 1–100, --communes 1–1000")
        }
        guard (1...120).contains(months) else { throw ValidationError("--months must be from 1 to 120") }
        guard incidents >= 0 else { throw ValidationError("--incidents must not be negative") }
        let to = toMonth ?? months
        guard fromMonth >= 0, fromMonth < to, to <= months else { throw ValidationError("need 0 ≤ --from-month < --to-month ≤ --months") }
        guard (1...256).contains(writers) else { throw ValidationError("--writers must be from 1 to 256") }
    }

    func run() async throws {
        #if DEBUG
            FileHandle.standardError.write(
                Data("WARNING: this is a debug build; it is slow. Build with -c release (scripts/bench does).\n".utf8))
        #endif
        let configuration = try ServerConfiguration(environment: ProcessInfo.processInfo.environment)
        let logger = configuration.logger("opinion-ledger.bench-seed")
        let command = self
        try await BenchDatabase.run(configuration, maximumConnections: 8, logger: logger) { client in
            let store = PostgresEventStore(client: client, logger: logger)
            try await ReadinessCheck(client: client, logger: logger).requireCurrentMigrations()
            let existing = try await store.headPosition()
            if command.fromMonth == 0, existing != 0 {
                throw BenchRefused(description: "the database already holds \(existing) events; bench-seed from month 0 needs an empty one")
            }
            if command.fromMonth > 0, existing == 0 {
                throw BenchRefused(description: "the database is empty; write from month 0 first")
            }
            let log = NationalBenchLog(
                provinces: command.provinces, districts: command.districts, communes: command.communes, incidents: command.incidents,
                months: command.months, store: store, writers: command.writers)
            let started = ContinuousClock.now
            let to = command.toMonth ?? command.months
            var written = 0
            for month in command.fromMonth..<to {
                written += try await log.write(months: month..<(month + 1))
                let seconds = started.duration(to: .now).seconds
                print("month \(month): \(written) events in \(String(format: "%.0f", seconds)) s (\(Int(Double(written) / seconds))/s)")
            }
            print("wrote \(written) events; the log holds \(try await store.headPosition())")
        }
    }
}
