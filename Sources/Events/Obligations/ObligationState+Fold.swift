extension ObligationState {
    /// The state an obligation's stream folds to (events of other types are skipped).
    public static func folding(_ events: [RecordedEvent]) throws -> ObligationState {
        try events.reduce(.initial) { state, recorded in try ObligationEvent(recorded).map { evolve(state, $0) } ?? state }
    }
}
