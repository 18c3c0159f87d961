extension IncidentState {
    /// The state an incident's stream folds to; an event of a type this code does not know still
    /// counts towards the stream's version.
    public static func folding(_ events: [RecordedEvent], decoder: EventDecoder = EventDecoder()) throws -> IncidentState {
        var state = IncidentState.initial
        for recorded in events {
            if let event = try IncidentEvent(recorded, decoder: decoder) { state = evolve(state, event) } else { state.version += 1 }
        }
        return state
    }
}
