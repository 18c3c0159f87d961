/// Following the log: an async sequence of events from a position on, forever. It reads a page,
/// and when it has caught up waits for a wake-up (a commit notification or a poll tick) before
/// reading again. It pulls pages only as fast as the consumer iterates, so a slow consumer never
/// makes it buffer the log in memory. Use `pages` to consume whole pages (projections batch them).
public struct EventSubscription: AsyncSequence, Sendable {
    public typealias Element = RecordedEvent
    /// Reads the page after a position; the store logs its own failures.
    public typealias PageReader = @Sendable (_ after: Int64) async throws -> EventPage

    let after: Int64
    let read: PageReader
    let wakeups: @Sendable () -> Wakeups

    /// Creates a subscription from a page reader and a source of wake-ups.
    public init(after: Int64, read: @escaping PageReader, wakeups: @escaping @Sendable () -> Wakeups) {
        self.after = after
        self.read = read
        self.wakeups = wakeups
    }

    /// The same subscription, one page at a time; pages that only advance the cursor past
    /// filtered-out events come with no events.
    public var pages: PageSubscription { PageSubscription(subscription: self) }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(pages: pages.makeAsyncIterator())
    }

    /// Yields the events of each page in turn.
    public struct AsyncIterator: AsyncIteratorProtocol {
        var pages: PageSubscription.AsyncIterator
        var buffered: [RecordedEvent] = []
        var index = 0

        public mutating func next() async throws -> RecordedEvent? {
            while index >= buffered.count {
                guard let page = try await pages.next() else { return nil }
                buffered = page.events
                index = 0
            }
            defer { index += 1 }
            return buffered[index]
        }
    }
}

/// A subscription's pages: each read that moved the cursor forward.
public struct PageSubscription: AsyncSequence, Sendable {
    public typealias Element = EventPage
    let subscription: EventSubscription

    public func makeAsyncIterator() -> AsyncIterator {
        let wakeups = subscription.wakeups()
        return AsyncIterator(
            cursor: subscription.after, read: subscription.read, wakeups: wakeups, waiting: wakeups.stream.makeAsyncIterator())
    }

    /// Reads until caught up, then waits for a wake-up; ends when the task is cancelled.
    public struct AsyncIterator: AsyncIteratorProtocol {
        var cursor: Int64
        let read: EventSubscription.PageReader
        let wakeups: Wakeups
        var waiting: AsyncStream<Void>.AsyncIterator

        public mutating func next() async throws -> EventPage? {
            while !Task.isCancelled {
                if let page = try? await read(cursor), page.nextAfter > cursor {
                    cursor = page.nextAfter
                    return page
                }
                // Caught up, or the read failed: wait for a commit notification or a poll tick.
                guard await waiting.next() != nil else { return nil }
            }
            return nil
        }
    }
}

/// A stream of wake-ups (commit notifications, poll ticks) that stops its producers when released.
public final class Wakeups: Sendable {
    /// One element per wake-up; bursts collapse into one.
    public let stream: AsyncStream<Void>
    private let stop: @Sendable () -> Void

    /// Creates wake-ups; `stop` is called when the last iterator lets go.
    public init(stream: AsyncStream<Void>, stop: @escaping @Sendable () -> Void) {
        self.stream = stream
        self.stop = stop
    }

    deinit { stop() }
}
