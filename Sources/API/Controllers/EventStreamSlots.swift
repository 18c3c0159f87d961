import Metrics
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

    /// Live-stream clients connected now (`/metrics`).
    static let clients = Gauge(label: "ledger_event_stream_clients")
    /// Streams refused because every slot was taken, or the token's share.
    static let refusedFull = Counter(label: "ledger_event_stream_refused_total", dimensions: [("reason", "full")])
    static let refusedToken = Counter(label: "ledger_event_stream_refused_total", dimensions: [("reason", "token")])

    /// Takes a slot for `token` (a token id), held until the returned lease is released — by the
    /// stream's end, the client's disconnect, or the lease being dropped, whichever comes first.
    func acquire(for token: String) -> Result<Lease, Refusal> {
        let (refusal, total): (Refusal?, Int) = open.withLock { holders in
            guard holders.total < limit else { return (.full, holders.total) }
            guard holders.byToken[token, default: 0] < perToken else { return (.tokenFull, holders.total) }
            holders.total += 1
            holders.byToken[token, default: 0] += 1
            return (nil, holders.total)
        }
        if let refusal {
            (refusal == .full ? Self.refusedFull : Self.refusedToken).increment()
            return .failure(refusal)
        }
        Self.clients.record(total)
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
            let total = slots.open.withLock { holders in
                holders.total = max(0, holders.total - 1)
                let left = holders.byToken[token, default: 1] - 1
                holders.byToken[token] = left > 0 ? left : nil
                return holders.total
            }
            EventStreamSlots.clients.record(total)
        }

        deinit { release() }
    }

    /// How many streams are open.
    var inUse: Int { open.withLock { $0.total } }

    /// How many streams `token` holds.
    func inUse(by token: String) -> Int { open.withLock { $0.byToken[token, default: 0] } }
}
