import Events

/// Every incident's state and the clock rule book, folded from the log with the write side's own
/// reducers (`IncidentState.evolve`, `ClockRuleBook.evolve`). Pure: the projection folds each page
/// into the part of it that page touches; `asOf` answers fold the whole log up to an instant.
public struct IncidentRegister: Sendable {
    /// Each incident's state and the position of its last event, by incident id.
    public var entries: [String: Entry] = [:]
    /// The clock rules as far as folded.
    public var rules = ClockRuleBook.empty

    /// One incident in the register.
    public struct Entry: Sendable, Hashable {
        public var state: IncidentState
        public var lastPosition: Int64

        /// Creates an entry.
        public init(state: IncidentState, lastPosition: Int64) {
            self.state = state
            self.lastPosition = lastPosition
        }
    }

    /// An empty register.
    public init() {}

    /// The event types the register reads: incident events and clock-rule events.
    public static let eventTypes = IncidentEvent.eventTypes + ClockRuleEvent.eventTypes

    /// Folds recorded events (other types are skipped) in position order.
    public mutating func apply(_ events: [RecordedEvent], decoder: EventDecoder = EventDecoder()) throws {
        for recorded in events {
            if let event = try IncidentEvent(recorded, decoder: decoder) {
                apply(event, position: recorded.position)
            } else if let event = try ClockRuleEvent(recorded, decoder: decoder) {
                rules = ClockRuleBook.evolve(rules, event)
            }
        }
    }

    /// Folds one incident event into its incident's state.
    public mutating func apply(_ event: IncidentEvent, position: Int64) {
        var entry = entries[event.incidentId] ?? Entry(state: .initial, lastPosition: 0)
        entry.state = IncidentState.evolve(entry.state, event)
        entry.lastPosition = position
        entries[event.incidentId] = entry
    }

    /// The row of one incident (nil when it was never logged).
    public func row(_ incidentId: String) -> IncidentRow? {
        guard let entry = entries[incidentId], entry.state.exists else { return nil }
        return IncidentRow(state: entry.state, rules: rules, lastPosition: entry.lastPosition)
    }

    /// The rows of every logged incident, in id order.
    public var rows: [IncidentRow] {
        entries.keys.sorted().compactMap(row)
    }
}
