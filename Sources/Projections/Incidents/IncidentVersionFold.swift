import Events

/// The fold of `incident_versions` that the projection's `apply` and its rebuild replay share: the
/// current entry of every incident it was given, the clock rules so far and the latest logged-at;
/// each change returns the versions it opens. It reads nothing: the caller loads what a change needs
/// first (the current entry of each incident it touches; the latest logged-at before a new incident;
/// every open incident before a clock-rule change).
struct IncidentVersionFold {
    /// A change of the log this model reads.
    enum Change {
        case incident(IncidentEvent)
        case rules(ClockRuleEvent)
    }

    var rules: ClockRuleBook
    var current: [String: IncidentVersionsTable.Current]
    /// The latest `logged_at` among the incidents logged so far (nil before the first).
    var loggedHigh: Timestamp?

    /// The changes among `events`, with their positions, in order.
    static func changes(of events: [RecordedEvent], decoder: EventDecoder) throws -> [(position: Int64, change: Change)] {
        var changes: [(position: Int64, change: Change)] = []
        for recorded in events {
            if let event = try IncidentEvent(recorded, decoder: decoder) {
                changes.append((recorded.position, .incident(event)))
            } else if let event = try ClockRuleEvent(recorded, decoder: decoder) {
                changes.append((recorded.position, .rules(event)))
            }
        }
        return changes
    }

    /// The incidents the changes touch.
    static func touched(by changes: [(position: Int64, change: Change)]) -> Set<String> {
        Set(changes.compactMap { if case .incident(let event) = $0.change { event.incidentId } else { nil } })
    }

    /// Whether any of the changes is a clock-rule change.
    static func changesRules(_ changes: [(position: Int64, change: Change)]) -> Bool {
        changes.contains { if case .rules = $0.change { true } else { false } }
    }

    /// Applies one change at `position`; returns the versions it opens, by incident.
    mutating func apply(_ change: Change, at position: Int64) -> [(id: String, version: IncidentVersion)] {
        switch change {
        case .incident(let event):
            let id = event.incidentId
            let known = current[id]
            var entry = known ?? .init(state: .initial, lastPosition: 0, loggedFrom: position, loggedHigh: .init(microsecondsSinceEpoch: 0))
            let parts = entry.searchDocument == nil ? [] : IncidentRow.searchParts(of: entry.state)
            entry.state = IncidentState.evolve(entry.state, event)
            entry.lastPosition = position
            // Most events leave the searched texts alone: their document is not computed again.
            if entry.searchDocument != nil, IncidentRow.searchParts(of: entry.state) != parts { entry.searchDocument = nil }
            if known == nil {
                // A new incident: logged here, it raises the latest logged-at so far.
                entry.loggedHigh = max(loggedHigh ?? entry.state.loggedAt, entry.state.loggedAt)
                loggedHigh = entry.loggedHigh
            }
            let version = IncidentVersion(from: position, entry, rules: rules)
            current[id] = version.current
            return [(id, version)]
        case .rules(let event):
            let before = rules
            rules = ClockRuleBook.evolve(rules, event)
            var opened: [(id: String, version: IncidentVersion)] = []
            for (id, entry) in current where entry.state.isOpen {
                let version = IncidentVersion(from: position, entry, rules: rules)
                current[id] = version.current
                let earlier = IncidentRow(
                    state: entry.state, rules: before, lastPosition: entry.lastPosition, searchDocument: version.row.searchDocument)
                if version.row.nextDueAt != earlier.nextDueAt {
                    opened.append((id, version))
                }
            }
            return opened
        }
    }
}
