extension ClockRuleBook {
    /// The book the `clock-rules` stream folds to; an event of a type this code does not know still
    /// counts towards the stream's version.
    public static func folding(_ events: [RecordedEvent]) throws -> ClockRuleBook {
        var book = ClockRuleBook.empty
        for recorded in events {
            if let event = try ClockRuleEvent(recorded) { book = evolve(book, event) } else { book.version += 1 }
        }
        return book
    }
}
