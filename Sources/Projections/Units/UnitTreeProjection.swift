import Events
import Logging
import PostgresNIO

/// Keeps `unit_versions`, the unit tree by log position: each unit event closes the unit's current
/// row at the event's position and opens a new one holding the unit's timeline after it. Applied
/// inline, inside the append transaction (see `InlineProjections`), so it is never behind the log.
public struct UnitTreeProjection: Projection {
    public let name = "unit-tree"
    public let eventTypes = UnitEvent.eventTypes
    public let tables = ["unit_versions"]
    public var isInline: Bool { true }
    static let versions = KeyedVersions<UnitDirectory.Timeline>(table: "unit_versions", key: "unit_id", value: "timeline")

    /// Creates the projection.
    public init() {}

    public func apply(_ events: [RecordedEvent], on connection: PostgresConnection, logger: Logger) async throws {
        let decoder = EventDecoder()
        let decoded = try events.compactMap { recorded in try UnitEvent(recorded, decoder: decoder).map { ($0, recorded.position) } }
        guard !decoded.isEmpty else { return }
        let current = try await Self.versions.current(of: Set(decoded.map(\.0.unitId)), on: connection, logger: logger)
        var directory = UnitDirectory(timelines: Array(current.values), position: 0)
        // The versions each unit gets from this page, in order; each but the last is closed by the next.
        var opened: [String: [(from: Int64, value: UnitDirectory.Timeline)]] = [:]
        for (event, position) in decoded {
            directory.apply(event, position: position)
            guard let timeline = directory.timeline(of: event.unitId) else { continue }
            opened[event.unitId, default: []].append((position, timeline))
        }
        try await Self.versions.write(opened, on: connection, logger: logger)
    }
}
