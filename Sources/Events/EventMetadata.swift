import Foundation

/// What the log records about why an event happened: who acted and which request chain it belongs to.
public struct EventMetadata: Sendable, Hashable, Codable {
    /// The token (and role) that caused the event.
    public var actor: ActorRef
    /// Ties together every event caused by one business transaction.
    public var correlationId: UUID?
    /// The event or request that directly caused this one.
    public var causationId: UUID?

    /// Creates metadata for an event; the correlation and causation default to the request being
    /// answered (`RequestTrace.current`), if any.
    public init(
        actor: ActorRef, correlationId: UUID? = RequestTrace.current?.correlationId,
        causationId: UUID? = RequestTrace.current?.causationId
    ) {
        self.actor = actor
        self.correlationId = correlationId
        self.causationId = causationId
    }
}
