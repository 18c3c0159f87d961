import ArgumentParser
import EventStore
import Foundation

/// `opinion-ledger migrate`: applies pending migrations, each in its own transaction.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate", abstract: "Apply pending database migrations in order.")

    @Flag(name: .long, help: "Only show which migrations are applied and pending.")
    var status = false

    func run() async throws {
        let configuration = try ServerConfiguration(environment: ProcessInfo.processInfo.environment)
        let logger = configuration.logger("opinion-ledger.migrate")
        try await DatabaseSession.run(configuration, logger: logger) { client in
            let migrator = try Migrator(client: client, logger: logger)
            if status {
                let current = try await migrator.status()
                for name in current.applied { print("applied  \(name)") }
                for name in current.pending { print("pending  \(name)") }
                return
            }
            let applied = try await migrator.migrate()
            print(applied.isEmpty ? "database is up to date" : "applied \(applied.count): \(applied.joined(separator: ", "))")
        }
    }
}
