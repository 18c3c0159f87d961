import Events

extension QueryParameters {
    /// The cut a read model answers at, from `asOf` (an instant) and `atPosition` (a position in the log).
    /// With `atPosition` alone the question is about the instant its event was recorded; a position
    /// beyond the head is a 404: the log has not said anything there yet. An `asOf` later than `now` is
    /// a 400: the log has not recorded that instant, and answering would state as fact what is not yet
    /// known (every duty overdue). Every read that takes `asOf` parses it here.
    func readCut(store: any EventStore, now: Timestamp) async throws -> ReadCut {
        let asOf = try instant("asOf")
        if let asOf, asOf > now {
            throw APIError.invalidParameter(
                "asOf", "'asOf' (\(asOf.rfc3339)) is in the future; the log answers only up to now (\(now.rfc3339))")
        }
        guard value("atPosition") != nil else { return .asOf(asOf) }
        let position = try integer("atPosition", in: 1...Int64.max, default: 1)
        let page = try await store.readAll(after: position - 1, limit: 1, filter: .all)
        guard let event = page.events.first, event.position == position else {
            throw APIError(.notFound, "the log has not reached position \(position) yet (its head is \(page.head))", field: "atPosition")
        }
        return ReadCut(recordedUpTo: asOf, upToPosition: position, instant: asOf ?? event.recordedAt)
    }
}
