import Foundation

/// The canonical form of an event that the hash chain covers (see `docs/hash-chain.md`): every field
/// of the envelope except the hashes, as one canonical JSON object.
public enum CanonicalEvent {
    /// The hash that precedes the first event: 64 zeros.
    public static let genesisHash = String(repeating: "0", count: 64)

    /// The canonical bytes of an event's envelope and payload.
    public static func bytes(
        position: Int64, id: UUID, streamId: StreamID, streamVersion: Int64, type: String, schemaVersion: Int32,
        data: JSONValue, metadata: JSONValue, recordedAt: Timestamp
    ) throws(CanonicalFormError) -> [UInt8] {
        try JSONValue.object(
            members(
                position: position, id: id, streamId: streamId, streamVersion: streamVersion, type: type,
                schemaVersion: schemaVersion, data: data, metadata: metadata, recordedAt: recordedAt)
        ).canonicalBytes()
    }

    /// The members the hash covers, as JSON values (their names are `hashedMembers`).
    static func members(
        position: Int64, id: UUID, streamId: StreamID, streamVersion: Int64, type: String, schemaVersion: Int32,
        data: JSONValue, metadata: JSONValue, recordedAt: Timestamp
    ) -> [String: JSONValue] {
        [
            "data": data,
            "eventId": .string(id.uuidString.lowercased()),
            "metadata": metadata,
            "position": .integer(position),
            "recordedAt": .string(recordedAt.rfc3339),
            "schemaVersion": .integer(Int64(schemaVersion)),
            "streamId": .string(streamId.rawValue),
            "streamVersion": .integer(streamVersion),
            "type": .string(type),
        ]
    }

    /// The names of the nine members the hash covers.
    public static let hashedMembers = [
        "data", "eventId", "metadata", "position", "recordedAt", "schemaVersion", "streamId", "streamVersion", "type",
    ]

    /// The members the hash covers of a recorded event.
    public static func members(of event: RecordedEvent) throws -> [String: JSONValue] {
        members(
            position: event.position, id: event.id, streamId: event.streamId, streamVersion: event.streamVersion,
            type: event.type, schemaVersion: event.schemaVersion, data: event.data,
            metadata: try JSONValue.encoding(event.metadata), recordedAt: event.recordedAt)
    }

    /// The canonical bytes of a recorded event.
    public static func bytes(of event: RecordedEvent) throws -> [UInt8] {
        try JSONValue.object(members(of: event)).canonicalBytes()
    }
}
