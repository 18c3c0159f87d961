import Events
import Foundation
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

    /// Creates the projection.
    public init() {}

    public func apply(_ events: [RecordedEvent], on connection: PostgresConnection, logger: Logger) async throws {
        let decoder = EventDecoder()
        let decoded = try events.compactMap { recorded in try UnitEvent(recorded, decoder: decoder).map { ($0, recorded.position) } }
        guard !decoded.isEmpty else { return }
        let touched = Set(decoded.map(\.0.unitId))
        var directory = UnitDirectory(
            timelines: try await UnitVersionsTable.current(of: touched, on: connection, logger: logger), position: 0)
        // The versions each unit gets from this page, in order; each but the last is closed by the next.
        var opened: [String: [(from: Int64, timeline: UnitDirectory.Timeline)]] = [:]
        for (event, position) in decoded {
            directory.apply(event, position: position)
            guard let timeline = directory.timeline(of: event.unitId) else { continue }
            opened[event.unitId, default: []].append((position, timeline))
        }
        var rows: [UnitVersionsTable.Version] = []
        var closings: [(unitId: String, at: Int64)] = []
        for (unitId, versions) in opened {
            closings.append((unitId, versions[0].from))
            for (index, version) in versions.enumerated() {
                let to = index + 1 < versions.count ? versions[index + 1].from : nil
                rows.append(.init(unitId: unitId, validFrom: version.from, validTo: to, timeline: version.timeline))
            }
        }
        try await UnitVersionsTable.write(closing: closings, opening: rows, on: connection, logger: logger)
    }
}
