import Events

/// Reads the `clock-rules` stream (as it stood at an instant, or now) and folds it into a rule book.
struct ClockRuleBookLoader {
    let store: any EventStore

    /// The book from every clock-rule event recorded up to `asOf` (all when nil).
    func load(asOf: Timestamp?) async throws -> ClockRuleBook {
        var book = ClockRuleBook.empty
        var after: Int64 = 0
        let filter = EventFilter(stream: ClockRuleEvent.stream, types: ClockRuleEvent.eventTypes, recordedUpTo: asOf)
        while true {
            let page = try await store.readAll(after: after, limit: 1000, filter: filter)
            for recorded in page.events {
                if let event = try ClockRuleEvent(recorded) { book = ClockRuleBook.evolve(book, event) }
            }
            guard page.nextAfter < page.head, page.nextAfter > after else { break }
            after = page.nextAfter
        }
        return book
    }

    /// The book with the stream's exact version, for deciding a command (ETag and expected version).
    func current() async throws -> ClockRuleBook {
        var book = ClockRuleBook.empty
        var from: Int64 = 1
        while true {
            let events = try await store.readStream(ClockRuleEvent.stream, fromVersion: from, limit: 1000)
            for recorded in events {
                if let event = try ClockRuleEvent(recorded) {
                    book = ClockRuleBook.evolve(book, event)
                } else {
                    book.version += 1
                }
            }
            guard events.count == 1000, let last = events.last else { return book }
            from = last.streamVersion + 1
        }
    }
}
