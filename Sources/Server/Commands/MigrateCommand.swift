import ArgumentParser
import EventStore
import Foundation
import Logging

/// `opinion-ledger migrate`: applies pending migrations, each in its own transaction. `--status`
/// exits 3 (`StartupFailure.migrationsPending`) when some are pending, 0 when none are.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate", abstract: "Apply pending database migrations in order.")

    @Flag(name: .long, help: "Only show which migrations are applied and pending.")
    var status = false

    func run() async throws {
        let configuration = try ServerConfiguration(environment: ProcessInfo.processInfo.environment)
        let logger = configuration.logger("opinion-ledger.migrate")
        let pending: [String]
        do {
            pending = try await migrateOrShow(configuration, logger: logger)
        } catch let error as MigrationError {
            throw StartupFailure.migrationHistory("\(error)").exit()
        }
        if !pending.isEmpty {
            print("\(pending.count) pending: run `opinion-ledger migrate`")
            throw ExitCode(StartupFailure.migrationsPending(pending).exitCode)
        }
    }

    /// Applies the pending migrations, or with `--status` prints where the database stands; returns
    /// the names still pending.
    private func migrateOrShow(_ configuration: ServerConfiguration, logger: Logger) async throws -> [String] {
        try await DatabaseSession.run(configuration, logger: logger) { client -> [String] in
            let migrator = try Migrator(client: client, logger: logger)
            if status {
                let current = try await migrator.status()
                for name in current.applied { print("applied  \(name)") }
                for name in current.pending { print("pending  \(name)") }
                return current.pending
            }
            let applied = try await migrator.migrate()
            print(applied.isEmpty ? "database is up to date" : "applied \(applied.count): \(applied.joined(separator: ", "))")
            return []
        }
    }
}
