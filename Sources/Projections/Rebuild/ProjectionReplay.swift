import Events
import Logging
import PostgresNIO

/// Feeds a projection the log's events page by page on a connection the caller holds (inside the
/// caller's transaction): into the live tables, or into a shadow schema the caller has entered.
/// Reading a page and applying one are separate steps, so a rebuild can read the next page while
/// it applies the current one.
struct ProjectionReplay: Sendable {
    let projection: any Projection
    let store: any EventStore
    let logger: Logger
    var pageSize = 1_000

    /// One page read for the projection: its events, the cursor after it (the last position
    /// scanned) and whether it reached `end` (or the head when there is no end).
    struct Page: Sendable {
        var events: [RecordedEvent]
        var cursor: Int64
        var done: Bool
    }

    /// Reads the next page after `cursor`, never beyond `end` when given.
    func read(after cursor: Int64, upTo end: Int64? = nil) async throws -> Page {
        if let end, cursor >= end { return Page(events: [], cursor: cursor, done: true) }
        // A window of positions per read keeps every page's query as cheap as the first.
        let window = EventScanWindow(
            after: cursor, filter: EventFilter(types: projection.eventTypes, upToPosition: end),
            span: max(Int64(pageSize) * 10, EventScanWindow.span))
        let page = try await store.readAll(after: cursor, limit: pageSize, filter: window.filter)
        let done = end.map { page.nextAfter >= $0 } ?? window.reachedHead(page)
        return Page(events: page.events, cursor: max(page.nextAfter, cursor), done: done)
    }

    /// Applies a page read by `read` on `connection`.
    func apply(_ page: Page, on connection: PostgresConnection) async throws {
        guard !page.events.isEmpty else { return }
        try await projection.apply(page.events, on: connection, logger: logger)
    }

    /// Reads and applies the next page after `cursor`; returns the new cursor and whether it is done.
    func applyPage(after cursor: Int64, upTo end: Int64? = nil, on connection: PostgresConnection) async throws -> (
        cursor: Int64, done: Bool
    ) {
        let page = try await read(after: cursor, upTo: end)
        try await apply(page, on: connection)
        return (page.cursor, page.done)
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
