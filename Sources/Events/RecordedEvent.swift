import Foundation

/// An event as the log holds it: the envelope (position, stream, version, time, metadata, hashes)
/// around the payload.
public struct RecordedEvent: Sendable, Hashable {
    /// Global, gapless position in the log, starting at 1; position order is commit order.
    public var position: Int64
    /// Unique id of the event.
    public var id: UUID
    /// The stream the event belongs to.
    public var streamId: StreamID
    /// The event's version within its stream, starting at 1.
    public var streamVersion: Int64
    /// The event's type name.
    public var type: String
    /// The schema version the payload was written with.
    public var schemaVersion: Int32
    /// The payload, exactly as written.
    public var data: JSONValue
    /// Who caused the event and in which request chain.
    public var metadata: EventMetadata
    /// When the log recorded the event.
    public var recordedAt: Timestamp
    /// Hex SHA-256 of the previous event (64 zeros for the first).
    public var previousHash: String
    /// Hex SHA-256 over `previousHash` and this event's canonical bytes.
    public var hash: String

    /// Creates a recorded event; used by stores and tests.
    public init(
        position: Int64, id: UUID, streamId: StreamID, streamVersion: Int64, type: String, schemaVersion: Int32,
        data: JSONValue, metadata: EventMetadata, recordedAt: Timestamp, previousHash: String, hash: String
    ) {
        self.position = position
        self.id = id
        self.streamId = streamId
        self.streamVersion = streamVersion
        self.type = type
        self.schemaVersion = schemaVersion
        self.data = data
        self.metadata = metadata
        self.recordedAt = recordedAt
        self.previousHash = previousHash
        self.hash = hash
    }
}
