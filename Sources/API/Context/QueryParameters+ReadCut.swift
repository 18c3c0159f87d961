import Events

extension QueryParameters {
    /// The cut a read model answers at, from `asOf` (an instant) and `atPosition` (a position in the log).
    /// With `atPosition` alone the question is about the instant its event was recorded; a position
    /// beyond the head is a 404: the log has not said anything there yet.
    func readCut(store: any EventStore) async throws -> ReadCut {
        let asOf = try instant("asOf")
        guard value("atPosition") != nil else { return .asOf(asOf) }
        let position = try integer("atPosition", in: 1...Int64.max, default: 1)
        let page = try await store.readAll(after: position - 1, limit: 1, filter: .all)
        guard let event = page.events.first, event.position == position else {
            throw APIError(.notFound, "the log has not reached position \(position) yet (its head is \(page.head))", field: "atPosition")
        }
        return ReadCut(recordedUpTo: asOf, upToPosition: position, instant: asOf ?? event.recordedAt)
    }
}
