/// Reading a range of the log for export: pages in position order, bounded by `to`.
extension EventStore {
    /// The events with `after < position ≤ to`, at most `limit` of them, in position order.
    public func exportPage(after: Int64, through to: Int64, limit: Int = 1_000) async throws(EventStoreError) -> [RecordedEvent] {
        guard after < to else { return [] }
        let page = try await readAll(after: after, limit: Int(min(Int64(limit), to - after)), filter: .all)
        return page.events.filter { $0.position <= to }
    }
}
