import Synchronization

/// Caps the open live-feed streams: each one follows the log with its own LISTEN connection, so
/// unbounded streams would drain the database pool that every other request needs. A token holds at
/// most `perToken` of the `limit` slots, so one client cannot take them all.
final class EventStreamSlots: Sendable {
    /// Why a slot was not given.
    enum Refusal: Error, Sendable, Hashable {
        /// Every slot of the server is taken.
        case full
        /// This token holds its share already.
        case tokenFull
    }

    let limit: Int
    let perToken: Int
    fileprivate let open = Mutex(Holders())

    fileprivate struct Holders {
        var total = 0
        var byToken: [String: Int] = [:]
    }

    /// Creates slots for at most `limit` streams at once, at most `perToken` of them for one token.
    init(limit: Int, perToken: Int? = nil) {
        self.limit = limit
        self.perToken = perToken ?? limit
    }

    /// Takes a slot for `token` (a token id), held until the returned lease is released — by the
    /// stream's end, the client's disconnect, or the lease being dropped, whichever comes first.
    func acquire(for token: String) -> Result<Lease, Refusal> {
        let refusal: Refusal? = open.withLock { holders in
            guard holders.total < limit else { return .full }
            guard holders.byToken[token, default: 0] < perToken else { return .tokenFull }
            holders.total += 1
            holders.byToken[token, default: 0] += 1
            return nil
        }
        if let refusal { return .failure(refusal) }
        return .success(Lease(slots: self, token: token))
    }

    /// One open stream's slot.
    final class Lease: Sendable {
        let slots: EventStreamSlots
        let token: String
        private let held = Mutex(true)

        init(slots: EventStreamSlots, token: String) {
            self.slots = slots
            self.token = token
        }

        /// Gives the slot back; later calls do nothing.
        func release() {
            guard
                held.withLock({ held in
                    defer { held = false }; return held
                })
            else { return }
            slots.open.withLock { holders in
                holders.total = max(0, holders.total - 1)
                let left = holders.byToken[token, default: 1] - 1
                holders.byToken[token] = left > 0 ? left : nil
            }
        }

        deinit { release() }
    }

    /// How many streams are open.
    var inUse: Int { open.withLock { $0.total } }

    /// How many streams `token` holds.
    func inUse(by token: String) -> Int { open.withLock { $0.byToken[token, default: 0] } }
}
