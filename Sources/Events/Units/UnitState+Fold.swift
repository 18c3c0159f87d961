extension UnitState {
    /// The state a unit's stream folds to (events of other types are skipped): what the decider
    /// starts from and what `GET /v1/streams/{id}/state` shows.
    public static func folding(_ events: [RecordedEvent]) throws -> UnitState {
        try events.reduce(.initial) { state, recorded in try UnitEvent(recorded).map { evolve(state, $0) } ?? state }
    }
}
