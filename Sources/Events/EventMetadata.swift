import Foundation

/// What the log records about why an event happened: who acted and which request chain it belongs to.
public struct EventMetadata: Sendable, Hashable, Codable {
    /// The token (and role) that caused the event.
    public var actor: ActorRef
    /// Ties together every event caused by one business transaction.
    public var correlationId: UUID?
    /// The event or request that directly caused this one.
    public var causationId: UUID?

    /// Creates metadata for an event.
    public init(actor: ActorRef, correlationId: UUID? = nil, causationId: UUID? = nil) {
        self.actor = actor
        self.correlationId = correlationId
        self.causationId = causationId
    }
}
