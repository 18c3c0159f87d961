/// The two read loops every reader of the log needs, written once.
extension EventStore {
    /// Calls `body` with each page of the events matching `filter`, in position order, until the page
    /// that reaches the head it was read at: how a reader folds the log (as of an instant, or now).
    /// Each read covers at most `span` positions (see `EventScanWindow`).
    public func forEachPage(
        matching filter: EventFilter, span: Int64 = EventScanWindow.span, _ body: ([RecordedEvent]) throws -> Void
    ) async throws {
        var after: Int64 = 0
        while true {
            let window = EventScanWindow(after: after, filter: filter, span: span)
            let page = try await readAll(after: after, limit: 1_000, filter: window.filter)
            try body(page.events)
            guard !window.reachedHead(page), page.nextAfter > after else { return }
            after = page.nextAfter
        }
    }

    /// Every event of `stream` from `fromVersion` through `lastVersion`, in version order, however many
    /// pages that takes.
    public func readWholeStream(
        _ stream: StreamID, fromVersion: Int64 = 1, through lastVersion: Int64 = .max
    ) async throws -> [RecordedEvent] {
        var events: [RecordedEvent] = []
        var from = fromVersion
        while from <= lastVersion {
            let page = try await readStream(stream, fromVersion: from, limit: 1_000)
            events += page.prefix { $0.streamVersion <= lastVersion }
            guard page.count == 1_000, let last = page.last else { return events }
            from = last.streamVersion + 1
        }
        return events
    }
}

/// One read of a long scan, limited to a span of positions: however the database plans a filtered
/// query (by type or actor), a read then touches at most `span` positions of the log, so a scan costs
/// the same per page at its end as at its start.
public struct EventScanWindow: Sendable {
    /// Positions one read may cover.
    public static let span: Int64 = 50_000
    /// The filter for this read: the caller's, cut at the end of the window.
    public let filter: EventFilter
    /// The last position of the window.
    public let end: Int64

    /// The window after `after` for `filter`, within the filter's own cut if it has one. A read of one
    /// stream is not windowed: the stream's own index bounds it already.
    public init(after: Int64, filter: EventFilter, span: Int64 = EventScanWindow.span) {
        let (sum, overflow) = after.addingReportingOverflow(filter.stream == nil ? span : .max)
        end = overflow ? .max : sum
        var windowed = filter
        windowed.upToPosition = Swift.min(filter.upToPosition ?? .max, end)
        self.filter = windowed
    }

    /// True when `page` stopped at the window rather than at the head or the caller's cut: the
    /// scan goes on past it.
    public func cutShort(_ page: EventPage) -> Bool {
        page.head == end && filter.upToPosition == end && page.nextAfter >= end
    }

    /// True when `page` reached the head (or the caller's cut): the scan is over.
    public func reachedHead(_ page: EventPage) -> Bool {
        page.nextAfter >= page.head && !cutShort(page)
    }
}
