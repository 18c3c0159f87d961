import Events
import Logging
import PostgresNIO

/// The obligation catalog as the log stood at a cut, read from the inline `obligation_versions`
/// model: never by folding the log (`VersionedModel`: the head's catalog is reused until an
/// obligation event lands).
public final class ObligationShelf: Sendable {
    /// Where the database's client comes from: read at each use, so a client replaced after an
    /// outage (the server's `LedgerDatabase`) is picked up at once.
    let clients: @Sendable () -> PostgresClient
    var client: PostgresClient { clients() }
    let logger: Logger
    private let model = VersionedModel<ObligationCatalog>(
        table: "obligation_versions", column: ObligationCatalogProjection.versions.keyedText
    ) { texts, position in
        ObligationCatalog(states: try texts.map { try KeyedVersions<ObligationState>.decode($0) }, position: position)
    }

    /// Creates a reader over the service's database.
    public init(client: @autoclosure @escaping @Sendable () -> PostgresClient, logger: Logger) {
        self.clients = client
        self.logger = logger
    }

    /// The catalog as the log stood at `cut`.
    public func catalog(at cut: ReadCut) async throws -> ObligationCatalog {
        try await model.value(at: cut, client: client, logger: logger)
    }
}
