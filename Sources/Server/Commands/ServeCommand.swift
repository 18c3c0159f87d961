import API
import ArgumentParser
import BoundedPostgres
import EventStore
import Events
import Foundation
import Hummingbird
import Logging
import NIOCore
import PostgresNIO
import Projections
import ServiceLifecycle

/// `opinion-ledger serve`: runs the HTTP API until SIGTERM or SIGINT, refusing to start against a
/// database whose migrations are behind.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Run the HTTP API.")

    func run() async throws {
        let configuration = try ServerConfiguration(environment: ProcessInfo.processInfo.environment)
        let logger = configuration.logger("opinion-ledger")
        try await Self.requireUsableDatabase(configuration, logger: logger)
        let database = try LedgerDatabase(url: configuration.database, maximumConnections: configuration.poolSize, logger: logger)
        let store = PostgresEventStore(client: database.client, logger: logger)
        let tokens = PostgresTokenRegistry(client: database.client, logger: logger)
        let readiness = ReadinessCheck(client: database.client, availability: database, logger: logger)
        let signer = try SigningKeySource.signer(environment: ProcessInfo.processInfo.environment)
        if signer == nil {
            logger.warning("no LEDGER_SIGNING_KEY or LEDGER_SIGNING_KEY_FILE: GET /v1/audit/checkpoint answers 503")
        }
        let operations = ProjectionOperations(
            projections: ProjectionService.projections(), store: store, client: database.client, logger: logger)
        var services = LedgerServices(
            store: store, models: ReadModels(client: database.client, logger: logger), tokens: tokens,
            readiness: { await readiness.check() },
            checkpointSigner: signer)
        services.projections = operations
        let metrics = LedgerMetrics.bootstrap(operations: operations, logger: logger)
        services.metrics = { await metrics.scrape() }
        services.databaseAvailability = database
        services.eventStreamLimit = configuration.eventStreamLimit
        services.eventStreamLimitPerToken = configuration.eventStreamLimitPerToken
        services.meansDatabaseUnavailable = { DatabaseFailure.meansUnavailable($0) }
        let router = try LedgerRouter.build(services)
        let projectionService = ProjectionService.all(operations, store: store, client: database.client, logger: logger)
        let readTimeout = TimeAmount(configuration.readTimeout)
        let requests = RequestCounter()
        var app = Application(
            responder: LedgerRouter.responder(router, services: services),
            server: .http1(
                configuration: .init(
                    additionalChannelHandlers: [RequestCounting(requests), RequestReadGuard(readTimeout: readTimeout)],
                    idleTimeout: TimeAmount(configuration.idleTimeout))),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "opinion-ledger"),
            services: [
                database, projectionService,
                IdleMemoryTrim(interval: configuration.mallocTrimIdle, requests: requests, logger: logger),
            ],
            logger: logger)
        app.beforeServerStarts {
            try await readiness.requireCurrentMigrations()
            // The inline read models take in whatever the log holds that they have not seen (once,
            // after the migration that creates one), before the first request reads them.
            try await InlineProjections.catchUp(store: store, client: database.client, logger: logger)
        }
        do {
            try await app.runService()
        } catch let error as MigrationError {
            logger.critical("\(error)")
            throw ExitCode(StartupFailure.migrationHistory("\(error)").exitCode)
        }
    }

    /// Before any service starts (and logs what a missing table makes it fail with): the database
    /// answers, and its migrations are current. Otherwise says why in one line and exits with the
    /// failure's code (docs/operations.md, "Exit codes").
    static func requireUsableDatabase(_ configuration: ServerConfiguration, logger: Logger) async throws {
        try await DatabaseSession.requireReachable(configuration.database)
        let status: Migrator.Status
        do {
            status = try await DatabaseSession.runProbed(configuration, logger: logger) { client in
                try await Migrator(client: client, logger: logger).status()
            }
        } catch let error as MigrationError {
            throw StartupFailure.migrationHistory("\(error)").exit()
        }
        if !status.pending.isEmpty { throw StartupFailure.migrationsPending(status.pending).exit() }
    }
}
