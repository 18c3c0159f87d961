import Events
import Foundation
import PostgresNIO

/// One row of the `events` table as read back, with payload and metadata kept as raw JSON so the
/// hash can be recomputed from exactly what is stored.
struct StoredEventRow: Sendable {
    /// The column list every read selects, in the order `decode` expects.
    static let columns: PostgresQuery = """
        SELECT position, event_id, stream_id, stream_version, event_type, schema_version, data::text,
               metadata::text, (extract(epoch FROM recorded_at) * 1000000)::bigint, previous_hash, hash
        FROM events
        """
    typealias Columns = (Int64, UUID, String, Int64, String, Int32, String, String, Int64, String, String)

    var position: Int64
    var id: UUID
    var streamId: String
    var streamVersion: Int64
    var type: String
    var schemaVersion: Int32
    var data: JSONValue
    var metadata: JSONValue
    var recordedAt: Timestamp
    var previousHash: String
    var hash: String

    init(_ c: Columns) throws {
        self.position = c.0
        self.id = c.1
        self.streamId = c.2
        self.streamVersion = c.3
        self.type = c.4
        self.schemaVersion = c.5
        self.data = try JSONValue.parse(c.6.utf8)
        self.metadata = try JSONValue.parse(c.7.utf8)
        self.recordedAt = Timestamp(microsecondsSinceEpoch: c.8)
        self.previousHash = c.9
        self.hash = c.10
    }

    /// The canonical bytes recomputed from the stored columns.
    func canonicalBytes() throws -> [UInt8] {
        guard let stream = StreamID(streamId) else { throw CanonicalFormError.unrepresentableNumber("stream id") }
        return try CanonicalEvent.bytes(
            position: position, id: id, streamId: stream, streamVersion: streamVersion, type: type,
            schemaVersion: schemaVersion, data: data, metadata: metadata, recordedAt: recordedAt)
    }

    /// The row as a typed envelope.
    func recordedEvent() throws(EventStoreError) -> RecordedEvent {
        guard let stream = StreamID(streamId), let metadata = try? metadata.decode(as: EventMetadata.self) else {
            throw .storageUnavailable("the event at position \(position) cannot be decoded")
        }
        return RecordedEvent(
            position: position, id: id, streamId: stream, streamVersion: streamVersion, type: type,
            schemaVersion: schemaVersion, data: data, metadata: metadata, recordedAt: recordedAt,
            previousHash: previousHash, hash: hash)
    }
}

extension PostgresRowSequence {
    /// Decodes every row as a stored event.
    func storedEvents() async throws -> [StoredEventRow] {
        var rows: [StoredEventRow] = []
        for try await columns in self.decode(StoredEventRow.Columns.self) {
            rows.append(try StoredEventRow(columns))
        }
        return rows
    }
}
