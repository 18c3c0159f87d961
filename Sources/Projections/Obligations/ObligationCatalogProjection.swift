import Events
import Logging
import PostgresNIO

/// Keeps `obligation_versions`, the obligation catalog by log position: each obligation event closes
/// the obligation's current row at its position and opens one holding its state after it. Applied
/// inline, inside the append transaction, so a decision never reads a catalog older than the log.
public struct ObligationCatalogProjection: Projection {
    public let name = "obligation-catalog"
    public let eventTypes = ObligationEvent.eventTypes
    public let tables = ["obligation_versions"]
    public var isInline: Bool { true }
    static let versions = KeyedVersions<ObligationState>(table: "obligation_versions", key: "obligation_id", value: "state")

    /// Creates the projection.
    public init() {}

    public func apply(_ events: [RecordedEvent], on connection: PostgresConnection, logger: Logger) async throws {
        let decoder = EventDecoder()
        let decoded = try events.compactMap { recorded in try ObligationEvent(recorded, decoder: decoder).map { ($0, recorded.position) } }
        guard !decoded.isEmpty else { return }
        let current = try await Self.versions.current(of: Set(decoded.map(\.0.obligationId)), on: connection, logger: logger)
        // Keyed by the row's id: a state folded from events before the definition has no id of its own yet.
        var catalog = ObligationCatalog(states: current.map { ($0.key, $0.value) }, position: 0)
        var opened: [String: [(from: Int64, value: ObligationState)]] = [:]
        for (event, position) in decoded {
            catalog.apply(event)
            guard let state = catalog.state(of: event.obligationId) else { continue }
            opened[event.obligationId, default: []].append((position, state))
        }
        try await Self.versions.write(opened, on: connection, logger: logger)
    }
}
