/// The two read loops every reader of the log needs, written once.
extension EventStore {
    /// Calls `body` with each page of the events matching `filter`, in position order, until the page
    /// that reaches the head it was read at: how a reader folds the log (as of an instant, or now).
    public func forEachPage(matching filter: EventFilter, _ body: ([RecordedEvent]) throws -> Void) async throws {
        var after: Int64 = 0
        while true {
            let page = try await readAll(after: after, limit: 1_000, filter: filter)
            try body(page.events)
            guard page.nextAfter < page.head, page.nextAfter > after else { return }
            after = page.nextAfter
        }
    }

    /// Every event of `stream` from `fromVersion` on, in version order, however many pages that takes.
    public func readWholeStream(_ stream: StreamID, fromVersion: Int64 = 1) async throws -> [RecordedEvent] {
        var events: [RecordedEvent] = []
        var from = fromVersion
        while true {
            let page = try await readStream(stream, fromVersion: from, limit: 1_000)
            events += page
            guard page.count == 1_000, let last = page.last else { return events }
            from = last.streamVersion + 1
        }
    }
}
