import Events
import Logging
import PostgresNIO

/// The unit tree as the log stood at a cut, read from the inline `unit_versions` model: never by
/// folding the log (`VersionedModel`: the head's tree is reused until a unit event lands).
public final class UnitTree: Sendable {
    /// Where the database's client comes from: read at each use, so a client replaced after an
    /// outage (the server's `LedgerDatabase`) is picked up at once.
    let clients: @Sendable () -> PostgresClient
    var client: PostgresClient { clients() }
    let logger: Logger
    private let model = VersionedModel<UnitDirectory>(table: "unit_versions", column: UnitTreeProjection.versions.keyedText) {
        texts, position in
        UnitDirectory(timelines: try texts.map { try KeyedVersions<UnitDirectory.Timeline>.decode($0).value }, position: position)
    }

    /// Creates a reader over the service's database.
    public init(client: @autoclosure @escaping @Sendable () -> PostgresClient, logger: Logger) {
        self.clients = client
        self.logger = logger
    }

    /// The tree as the log stood at `cut`: the versions valid at the cut's position (the last one
    /// recorded by `cut.recordedUpTo`, and no later than `cut.upToPosition`).
    public func directory(at cut: ReadCut) async throws -> UnitDirectory {
        try await model.value(at: cut, client: client, logger: logger)
    }
}
