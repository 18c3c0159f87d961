import Events
import Logging
import PostgresNIO

/// A read model fed by the event log. `apply` must be deterministic: replaying the same events
/// from position 0 must produce the same rows (DESIGN invariant 6).
public protocol Projection: Sendable {
    /// Stable name; the key of the projection's checkpoint.
    var name: String { get }
    /// The event types it reads; empty means every event.
    var eventTypes: [String] { get }
    /// The tables it writes, unqualified (e.g. `reporting_duties`). A rebuild replays into shadow
    /// copies of exactly these, so `apply` must write no other table and must not qualify their names.
    var tables: [String] { get }
    /// Applies events, in position order, inside the runner's transaction (which also moves the checkpoint).
    func apply(_ events: [RecordedEvent], on connection: PostgresConnection, logger: Logger) async throws
    /// Whether the store applies it inside each append transaction (`InlineProjections`) rather than
    /// a runner following the log: models that decisions read are never behind the log.
    var isInline: Bool { get }
    /// A fresh bulk replay for a rebuild from position 0, or nil to rebuild with `apply`, page by page.
    func rebuildReplay() -> (any RebuildReplay)?
}

extension Projection {
    /// Followed by a runner, after the commit.
    public var isInline: Bool { false }

    /// Rebuilt with `apply`, page by page.
    public func rebuildReplay() -> (any RebuildReplay)? { nil }
}
