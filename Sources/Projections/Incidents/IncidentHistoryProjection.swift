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
    static let versions = KeyedVersions<IncidentState>(
        table: "incident_versions", key: "incident_id", value: "state",
        columns: [
            .init(name: "open", expression: "$0::boolean", text: { $0.isOpen ? "true" : "false" }),
            // Unit ids have no spaces (`UnitID.pattern`).
            .init(name: "units", expression: "string_to_array($0, ' ')", text: { $0.concernedUnits.joined(separator: " ") }),
            .init(
                name: "last_event_at", expression: "to_timestamp(0) + $0::bigint * interval '1 microsecond'",
                text: { String(($0.lastEventAt ?? $0.loggedAt).microsecondsSinceEpoch) }),
        ])
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
