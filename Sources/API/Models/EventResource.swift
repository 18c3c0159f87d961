import Events

/// An event as the API shows it: the whole envelope, payload and hashes; or, for a token that may
/// not read its stream (see `EventDisclosure`), the envelope with `data: null` and `redacted: true`.
struct EventResource: Codable, Sendable {
    var position: Int64
    var eventId: String
    var streamId: String
    var streamVersion: Int64
    var type: String
    var schemaVersion: Int32
    /// The payload as written; `null` when redacted.
    var data: JSONValue
    /// True when `data` is withheld from this token (the event keeps its place and hashes).
    var redacted: Bool
    var metadata: EventMetadata
    var recordedAt: String
    var previousHash: String
    var hash: String

    init(_ event: RecordedEvent) {
        self.position = event.position
        self.eventId = event.id.uuidString.lowercased()
        self.streamId = event.streamId.rawValue
        self.streamVersion = event.streamVersion
        self.type = event.type
        self.schemaVersion = event.schemaVersion
        self.data = event.data
        self.redacted = false
        self.metadata = event.metadata
        self.recordedAt = event.recordedAt.rfc3339
        self.previousHash = event.previousHash
        self.hash = event.hash
    }

    /// The event's envelope without its data.
    init(redacting event: RecordedEvent) {
        self.init(event)
        self.data = .null
        self.redacted = true
    }
}

/// One page of the global feed, with the cursor for the next one.
struct EventFeedPage: Codable, Sendable {
    var events: [EventResource]
    /// Pass as `after` to get the next page.
    var nextAfter: Int64
    /// The log's last position when the page was read.
    var head: Int64
    /// Whether more events may match beyond this page.
    var hasMore: Bool
    /// The URL of the next page.
    var next: String
}

/// One page of a single stream's events.
struct StreamEventsPage: Codable, Sendable {
    var streamId: String
    var events: [EventResource]
    /// Pass as `fromVersion` to get the next page; nil at the end of the stream.
    var nextFromVersion: Int64?
}
