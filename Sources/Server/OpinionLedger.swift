import ArgumentParser

/// The `opinion-ledger` command line: run the service and operate its database.
@main
struct OpinionLedger: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "opinion-ledger",
        abstract: "The event-sourced system of record for public-opinion work.",
        discussion: "Configuration comes from the environment: DATABASE_URL, HOST, PORT, LOG_LEVEL.",
        version: LedgerVersion.description,
        subcommands: [
            ServeCommand.self, MigrateCommand.self, TokensCommand.self, SeedDemoCommand.self, BenchCommand.self, ExportCommand.self,
            VerifyCommand.self,
            RebuildCommand.self, CheckProjectionsCommand.self, BenchRebuildCommand.self, BenchSeedCommand.self,
        ],
        defaultSubcommand: nil
    )
}
