import Events

/// Reads the `clock-rules` stream (as it stood at an instant, or now) and folds it into a rule book.
struct ClockRuleBookLoader {
    let store: any EventStore

    /// The book from the clock-rule events inside `cut` (one stream's history).
    func load(cut: ReadCut) async throws -> ClockRuleBook {
        var book = ClockRuleBook.empty
        for recorded in try await store.readWholeStream(ClockRuleEvent.stream) where cut.contains(recorded) {
            if let event = try ClockRuleEvent(recorded) { book = ClockRuleBook.evolve(book, event) }
        }
        return book
    }

    /// The book with the stream's exact version, for deciding a command (ETag and expected version).
    func current() async throws -> ClockRuleBook {
        try ClockRuleBook.folding(try await store.readWholeStream(ClockRuleEvent.stream))
    }
}
