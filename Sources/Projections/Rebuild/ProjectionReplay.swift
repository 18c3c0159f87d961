import Events
import Logging
import PostgresNIO

/// Feeds a projection the log's events page by page on a connection the caller holds (inside the
/// caller's transaction): into the live tables, or into a shadow schema the caller has entered.
struct ProjectionReplay: Sendable {
    let projection: any Projection
    let store: any EventStore
    let logger: Logger
    var pageSize = 1_000

    /// Applies the next page after `cursor`, never beyond `end` when given, and returns the new cursor
    /// (the last position scanned) and whether it reached `end` (or the head when `end` is nil).
    func applyPage(after cursor: Int64, upTo end: Int64? = nil, on connection: PostgresConnection) async throws -> (
        cursor: Int64, done: Bool
    ) {
        if let end, cursor >= end { return (cursor, true) }
        let page = try await store.readAll(after: cursor, limit: pageSize, filter: EventFilter(types: projection.eventTypes))
        var events = page.events
        var next = page.nextAfter
        if let end {
            events = events.filter { $0.position <= end }
            next = min(next, end)
        }
        if !events.isEmpty {
            try await projection.apply(events, on: connection, logger: logger)
        }
        let done = end.map { next >= $0 } ?? (next >= page.head)
        return (max(next, cursor), done)
    }

    /// Applies every page after `cursor` up to `end` (or until caught up with the head), all on one connection.
    func catchUp(from cursor: Int64, to end: Int64? = nil, on connection: PostgresConnection) async throws -> Int64 {
        var cursor = cursor
        while true {
            let step = try await applyPage(after: cursor, upTo: end, on: connection)
            cursor = step.cursor
            if step.done { return cursor }
        }
    }
}
