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

    /// Creates the projection; `decoder` carries the upcasters of older event versions.
    public init(decoder: EventDecoder = EventDecoder()) {
        self.decoder = decoder
    }

    private enum Change {
        case incident(IncidentEvent)
        case rules(ClockRuleEvent)
    }

    public func apply(_ events: [RecordedEvent], on connection: PostgresConnection, logger: Logger) async throws {
        var changes: [(position: Int64, change: Change)] = []
        for recorded in events {
            if let event = try IncidentEvent(recorded, decoder: decoder) {
                changes.append((recorded.position, .incident(event)))
            } else if let event = try ClockRuleEvent(recorded, decoder: decoder) {
                changes.append((recorded.position, .rules(event)))
            }
        }
        guard let first = changes.first?.position else { return }
        var rules = try await IncidentVersionsTable.ruleEvents(before: first, decoder: decoder, on: connection, logger: logger)
            .reduce(ClockRuleBook.empty, ClockRuleBook.evolve)
        let touched = Set(changes.compactMap { if case .incident(let event) = $0.change { event.incidentId } else { nil } })
        var current = try await IncidentVersionsTable.current(of: touched, on: connection, logger: logger)
        var loggedHigh: Timestamp?
        var loggedHighLoaded = false
        var everyOpenLoaded = false
        var opened: [String: [IncidentVersion]] = [:]
        for (position, change) in changes {
            switch change {
            case .incident(let event):
                let id = event.incidentId
                let known = current[id]
                var entry =
                    known ?? .init(state: .initial, lastPosition: 0, loggedFrom: position, loggedHigh: .init(microsecondsSinceEpoch: 0))
                entry.state = IncidentState.evolve(entry.state, event)
                entry.lastPosition = position
                if known == nil {
                    // A new incident: logged here, it raises the latest logged-at so far.
                    if !loggedHighLoaded {
                        loggedHigh = try await IncidentVersionsTable.loggedHigh(on: connection, logger: logger)
                        loggedHighLoaded = true
                    }
                    entry.loggedHigh = max(loggedHigh ?? entry.state.loggedAt, entry.state.loggedAt)
                    loggedHigh = entry.loggedHigh
                }
                current[id] = entry
                opened[id, default: []].append(IncidentVersion(from: position, entry, rules: rules))
            case .rules(let event):
                let before = rules
                rules = ClockRuleBook.evolve(rules, event)
                if !everyOpenLoaded {
                    for (id, entry) in try await IncidentVersionsTable.currentOpen(on: connection, logger: logger) where current[id] == nil
                    {
                        current[id] = entry
                    }
                    everyOpenLoaded = true
                }
                for (id, entry) in current where entry.state.isOpen {
                    let version = IncidentVersion(from: position, entry, rules: rules)
                    if version.row.nextDueAt != IncidentRow(state: entry.state, rules: before, lastPosition: entry.lastPosition).nextDueAt {
                        opened[id, default: []].append(version)
                    }
                }
            }
        }
        try await IncidentVersionsTable.write(opened, on: connection, logger: logger)
    }
}
