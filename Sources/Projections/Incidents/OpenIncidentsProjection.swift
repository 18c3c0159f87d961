import Events
import Logging
import PostgresNIO

/// Keeps `open_incidents` up to date. For each page it loads the clock rules and the stored events
/// of the incidents the page touches, folds them and the page with `IncidentRegister` (the write
/// side's `IncidentState.evolve`), and upserts the touched rows in one statement. When the rules
/// change, every row is computed again, so each row is always its incident's state under the rules
/// as they stand — the same rows a rebuild from position 0 gives.
public struct OpenIncidentsProjection: Projection {
    public let name = "open-incidents"
    public let eventTypes = IncidentRegister.eventTypes
    public let tables = ["open_incidents", "open_incidents_clock_rules"]
    let decoder: EventDecoder

    /// Creates the projection; `decoder` carries the upcasters of older event versions.
    public init(decoder: EventDecoder = EventDecoder()) {
        self.decoder = decoder
    }

    public func apply(_ events: [RecordedEvent], on connection: PostgresConnection, logger: Logger) async throws {
        // Each page event is decoded once; stored events are decoded when their incident is loaded.
        var page: [(event: IncidentEvent, recorded: RecordedEvent)] = []
        var ruleEvents: [RecordedEvent] = []
        var ruleChanges: [ClockRuleEvent] = []
        for recorded in events {
            if let event = try IncidentEvent(recorded, decoder: decoder) {
                page.append((event, recorded))
            } else if let change = try ClockRuleEvent(recorded, decoder: decoder) {
                ruleEvents.append(recorded)
                ruleChanges.append(change)
            }
        }
        let touched = Set(page.map(\.event.incidentId))
        // New rules can move every incident's due times: then every row is computed again.
        let everything = !ruleEvents.isEmpty
        var incidents = try await OpenIncidentsTable.incidentEvents(everything ? nil : touched, on: connection, logger: logger)
        var register = IncidentRegister()
        try register.apply(try await OpenIncidentsTable.ruleEvents(on: connection, logger: logger), decoder: decoder)
        for change in ruleChanges { register.rules = ClockRuleBook.evolve(register.rules, change) }
        try register.apply(incidents.values.flatMap { $0 }.sorted { $0.position < $1.position }, decoder: decoder)
        for (event, recorded) in page {
            register.apply(event, position: recorded.position)
            incidents[event.incidentId, default: []].append(recorded)
        }
        try await OpenIncidentsTable.saveRuleEvents(ruleEvents, on: connection, logger: logger)
        let ids = everything ? incidents.keys.sorted() : touched.sorted()
        let rows = ids.compactMap { id in register.row(id).map { ($0, incidents[id] ?? []) } }
        try await OpenIncidentsTable.save(rows, on: connection, logger: logger)
    }
}
