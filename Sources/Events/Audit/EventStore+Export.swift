/// Reading a range of the log for export: pages in position order, bounded by `to`.
extension EventStore {
    /// The events with `after < position ≤ to`, at most `limit` of them, in position order.
    public func exportPage(after: Int64, through to: Int64, limit: Int = 1_000) async throws(EventStoreError) -> [RecordedEvent] {
        guard after < to else { return [] }
        return try await readAll(after: after, limit: limit, filter: EventFilter(upToPosition: to)).events
    }
}
