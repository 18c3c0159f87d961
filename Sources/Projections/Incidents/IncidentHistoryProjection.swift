import Events
import Logging
import PostgresNIO

/// Keeps `incident_versions`, each incident's folded state by log position (the write side's
/// `IncidentState.evolve`): an incident event closes the incident's current row at its position and
/// opens one holding the state after it. Applied inline, inside the append transaction.
public struct IncidentHistoryProjection: Projection {
    public let name = "incident-history"
    public let eventTypes = IncidentEvent.eventTypes
    public let tables = ["incident_versions"]
    public var isInline: Bool { true }
    static let versions = KeyedVersions<IncidentState>(table: "incident_versions", key: "incident_id", value: "state")
    let decoder: EventDecoder

    /// Creates the projection; `decoder` carries the upcasters of older event versions.
    public init(decoder: EventDecoder = EventDecoder()) {
        self.decoder = decoder
    }

    public func apply(_ events: [RecordedEvent], on connection: PostgresConnection, logger: Logger) async throws {
        let decoded = try events.compactMap { recorded in try IncidentEvent(recorded, decoder: decoder).map { ($0, recorded.position) } }
        guard !decoded.isEmpty else { return }
        var states = try await Self.versions.current(of: Set(decoded.map(\.0.incidentId)), on: connection, logger: logger)
        var opened: [String: [(from: Int64, value: IncidentState)]] = [:]
        for (event, position) in decoded {
            let state = IncidentState.evolve(states[event.incidentId] ?? .initial, event)
            states[event.incidentId] = state
            opened[event.incidentId, default: []].append((position, state))
        }
        try await Self.versions.write(opened, on: connection, logger: logger)
    }
}
