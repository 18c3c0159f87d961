import Events
import Logging
import PostgresNIO

/// Keeps `incident_versions`, each incident's folded state by log position (the write side's
/// `IncidentState.evolve`) with the incident list's columns: an incident event closes the incident's
/// current row at its position and opens one holding the state after it; a clock-rule event opens a
/// new version of every open incident whose next due time it moves, so each version's columns are
/// those of its state under the rules of its positions. Applied inline, inside the append transaction.
public struct IncidentHistoryProjection: Projection {
    public let name = "incident-history"
    public let eventTypes = IncidentEvent.eventTypes + ClockRuleEvent.eventTypes
    public let tables = ["incident_versions", "incident_states"]
    public var isInline: Bool { true }
    let decoder: EventDecoder
    /// How many incidents a rebuild holds in memory (`IncidentHistoryReplay`).
    let rebuildCapacity: Int

    /// Creates the projection; `decoder` carries the upcasters of older event versions; a rebuild
    /// holds at most `rebuildCapacity` incidents in memory.
    public init(decoder: EventDecoder = EventDecoder(), rebuildCapacity: Int = 20_000) {
        self.decoder = decoder
        self.rebuildCapacity = rebuildCapacity
    }

    public func apply(_ events: [RecordedEvent], on connection: PostgresConnection, logger: Logger) async throws {
        let changes = try IncidentVersionFold.changes(of: events, decoder: decoder)
        guard let first = changes.first?.position else { return }
        let rules = try await IncidentVersionsTable.ruleEvents(before: first, decoder: decoder, on: connection, logger: logger)
            .reduce(ClockRuleBook.empty, ClockRuleBook.evolve)
        let touched = IncidentVersionFold.touched(by: changes)
        var current = try await IncidentVersionsTable.current(of: touched, on: connection, logger: logger)
        // A new incident needs the latest logged-at so far; a rule change, every open incident.
        let loggedHigh =
            touched.contains { current[$0] == nil } ? try await IncidentVersionsTable.loggedHigh(on: connection, logger: logger) : nil
        if IncidentVersionFold.changesRules(changes) {
            for (id, entry) in try await IncidentVersionsTable.currentOpen(on: connection, logger: logger) where current[id] == nil {
                current[id] = entry
            }
        }
        var fold = IncidentVersionFold(rules: rules, current: current, loggedHigh: loggedHigh)
        var opened: [String: [IncidentVersion]] = [:]
        for (position, change) in changes {
            for (id, version) in fold.apply(change, at: position) { opened[id, default: []].append(version) }
        }
        try await IncidentVersionsTable.write(opened, on: connection, logger: logger)
    }

    public func rebuildReplay() -> (any RebuildReplay)? {
        IncidentHistoryReplay(decoder: decoder, capacity: rebuildCapacity)
    }
}
