import Synchronization

/// Caps the open live-feed streams: each one follows the log with its own LISTEN connection, so
/// unbounded streams would drain the database pool that every other request needs.
final class EventStreamSlots: Sendable {
    let limit: Int
    fileprivate let open = Mutex(0)

    /// Creates slots for at most `limit` streams at once.
    init(limit: Int) {
        self.limit = limit
    }

    /// Takes a slot, held until the returned lease is released (when the response and its body
    /// are gone, whether or not the body ever ran); nil when all are taken.
    func acquire() -> Lease? {
        let taken = open.withLock { open in
            guard open < limit else { return false }
            open += 1
            return true
        }
        return taken ? Lease(slots: self) : nil
    }

    /// One open stream's slot.
    final class Lease: Sendable {
        let slots: EventStreamSlots
        init(slots: EventStreamSlots) { self.slots = slots }
        deinit { slots.open.withLock { $0 = max(0, $0 - 1) } }
    }

    /// How many streams are open.
    var inUse: Int { open.withLock { $0 } }
}
