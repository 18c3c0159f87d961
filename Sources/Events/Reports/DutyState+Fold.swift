extension DutyState {
    /// The state a reporting duty's stream folds to (events of other types are skipped).
    public static func folding(_ events: [RecordedEvent]) throws -> DutyState {
        try events.reduce(.initial) { state, recorded in try ReportEvent(recorded).map { evolve(state, $0) } ?? state }
    }
}
