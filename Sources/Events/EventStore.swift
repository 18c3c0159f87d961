import Foundation

/// The event log that every capability appends to and every projection reads from.
/// Implementations must keep the invariants of `DESIGN.md`: all-or-nothing appends, a total
/// commit-ordered position, optimistic concurrency per stream, safe retries and a hash chain.
public protocol EventStore: Sendable {
    /// Appends `events` to `stream` if its version matches `expectedVersion`; all or nothing.
    /// With an idempotency key, a repeated identical request returns the first result and appends nothing.
    func append(_ request: AppendRequest) async throws(EventStoreError) -> AppendResult

    /// Events of one stream with version ≥ `fromVersion`, in version order, at most `limit`.
    func readStream(_ stream: StreamID, fromVersion: Int64, limit: Int) async throws(EventStoreError) -> [RecordedEvent]

    /// Events with position > `after` matching `filter`, in position order, at most `limit`; with
    /// `filter.upToPosition` the page's head is the cut, so paging stops there.
    func readAll(after: Int64, limit: Int, filter: EventFilter) async throws(EventStoreError) -> EventPage

    /// Every event after `after`, then each new one as it commits, until the task is cancelled.
    func follow(after: Int64, filter: EventFilter) -> EventSubscription

    /// Walks the whole hash chain and reports the first position that does not match.
    func verifyChain() async throws(EventStoreError) -> ChainVerification

    /// The stored answer to an earlier request with this idempotency key: nil when the key is new,
    /// the result when the fingerprint matches, `idempotencyKeyReused` when it does not.
    func idempotentResult(for key: IdempotencyKey) async throws(EventStoreError) -> AppendResult?

    /// The position of the last event (0 when the log is empty).
    func headPosition() async throws(EventStoreError) -> Int64
}

/// One append: the target stream, what the writer expects of it, the events and their metadata.
public struct AppendRequest: Sendable, Hashable {
    /// The stream to append to.
    public var stream: StreamID
    /// The optimistic-concurrency expectation.
    public var expectedVersion: ExpectedVersion
    /// The events, in order; at least one.
    public var events: [NewEvent]
    /// Metadata stored with every event of the append.
    public var metadata: EventMetadata
    /// Makes the append safe to retry.
    public var idempotency: IdempotencyKey?
    /// What else the decision read that must still hold when the append commits (checked under the
    /// append lock); empty: only the stream's version is checked.
    public var conditions: [AppendCondition]

    /// Creates an append request.
    public init(
        stream: StreamID, expectedVersion: ExpectedVersion, events: [NewEvent], metadata: EventMetadata,
        idempotency: IdempotencyKey? = nil, conditions: [AppendCondition] = []
    ) {
        self.stream = stream
        self.expectedVersion = expectedVersion
        self.events = events
        self.metadata = metadata
        self.idempotency = idempotency
        self.conditions = conditions
    }
}

/// A fact outside the target stream that a decision read and that must not have changed when its
/// append commits: no event matching it (of one of `types`, when given; in one of `streams`, when
/// given) recorded after position `after`. A report decided on the unit tree as it stood at position P
/// appends on condition that no unit event came after P, so it is never accepted for a unit merged
/// while it was being decided; a merge decided on a unit's duty streams appends on condition that
/// none of them moved, so no filing slips in under it.
public struct AppendCondition: Sendable, Hashable {
    /// The event types that count (empty: any type).
    public var types: [String]
    /// The streams that count (empty: any stream).
    public var streams: [StreamID]
    /// The position the decision read at.
    public var after: Int64

    /// Creates a condition; give types, streams or both.
    public init(types: [String] = [], streams: [StreamID] = [], after: Int64) {
        self.types = types
        self.streams = streams
        self.after = after
    }

    /// Whether an event of `type` in `stream` counts.
    public func matches(type: String, stream: String) -> Bool {
        (types.isEmpty || types.contains(type)) && (streams.isEmpty || streams.contains { $0.rawValue == stream })
    }
}

/// A client-chosen key that makes a write safe to retry, with a fingerprint of the request it named.
public struct IdempotencyKey: Sendable, Hashable {
    /// Whose key space this is (normally the token id), so two clients cannot collide.
    public var scope: String
    /// The client's key (the `Idempotency-Key` header).
    public var key: String
    /// Hex SHA-256 of the request; the same key with another fingerprint is refused.
    public var fingerprint: String

    /// Creates an idempotency key.
    public init(scope: String, key: String, fingerprint: String) {
        self.scope = scope
        self.key = key
        self.fingerprint = fingerprint
    }
}

/// What a successful append returns.
public struct AppendResult: Sendable, Hashable, Codable {
    /// The stream's version after the append.
    public var streamVersion: Int64
    /// The global position of each appended event, in order.
    public var positions: [Int64]
    /// True when this answer is the stored result of an earlier identical request.
    public var replayed: Bool

    /// Creates an append result.
    public init(streamVersion: Int64, positions: [Int64], replayed: Bool = false) {
        self.streamVersion = streamVersion
        self.positions = positions
        self.replayed = replayed
    }
}

/// Narrows a read of the whole log.
public struct EventFilter: Sendable, Hashable {
    /// Only this stream.
    public var stream: StreamID?
    /// Only these event types (empty = all).
    public var types: [String]
    /// Only events caused by this token id.
    public var actor: String?
    /// Only events recorded at or before this instant (the log as it stood then).
    public var recordedUpTo: Timestamp?
    /// Only events at or below this position (the log as it stood when it ended there).
    public var upToPosition: Int64?

    /// Creates a filter; the default matches everything.
    public init(
        stream: StreamID? = nil, types: [String] = [], actor: String? = nil, recordedUpTo: Timestamp? = nil,
        upToPosition: Int64? = nil
    ) {
        self.stream = stream
        self.types = types
        self.actor = actor
        self.recordedUpTo = recordedUpTo
        self.upToPosition = upToPosition
    }

    /// A filter for the events inside `cut`.
    public init(stream: StreamID? = nil, types: [String] = [], actor: String? = nil, cut: ReadCut) {
        self.init(
            stream: stream, types: types, actor: actor, recordedUpTo: cut.recordedUpTo, upToPosition: cut.upToPosition)
    }

    /// Matches every event.
    public static let all = EventFilter()

    /// Whether `event` passes the filter.
    public func matches(_ event: RecordedEvent) -> Bool {
        (stream == nil || stream == event.streamId) && (types.isEmpty || types.contains(event.type))
            && (actor == nil || actor == event.metadata.actor.tokenId)
            && (recordedUpTo == nil || event.recordedAt <= recordedUpTo!)
            && (upToPosition == nil || event.position <= upToPosition!)
    }
}

/// One page of the global feed.
public struct EventPage: Sendable, Hashable {
    /// The events, in ascending position.
    public var events: [RecordedEvent]
    /// The position to pass as `after` for the next page: the last position scanned.
    public var nextAfter: Int64
    /// The log's head when the page was read; `nextAfter < head` means more may match.
    public var head: Int64

    /// Creates a page.
    public init(events: [RecordedEvent], nextAfter: Int64, head: Int64) {
        self.events = events
        self.nextAfter = nextAfter
        self.head = head
    }
}

/// The result of walking the hash chain.
public struct ChainVerification: Sendable, Hashable, Codable {
    /// Where the chain first fails, if it does.
    public struct Break: Sendable, Hashable, Codable {
        /// The first position whose stored hash or link does not match.
        public var position: Int64
        /// What did not match.
        public var reason: String
        /// The hash the event should have, when it could be computed.
        public var expectedHash: String?
        /// The hash stored for the event.
        public var storedHash: String?

        /// Creates a break description.
        public init(position: Int64, reason: String, expectedHash: String? = nil, storedHash: String? = nil) {
            self.position = position
            self.reason = reason
            self.expectedHash = expectedHash
            self.storedHash = storedHash
        }
    }

    /// True when every event's hash matches and every link is unbroken.
    public var valid: Bool
    /// How many events were checked.
    public var checked: Int64
    /// The last event checked (the head when valid).
    public var head: ChainHead?
    /// The first break, when not valid.
    public var firstBreak: Break?

    /// Creates a verification result.
    public init(valid: Bool, checked: Int64, head: ChainHead?, firstBreak: Break? = nil) {
        self.valid = valid
        self.checked = checked
        self.head = head
        self.firstBreak = firstBreak
    }
}

/// A position in the chain and the hash there.
public struct ChainHead: Sendable, Hashable, Codable {
    /// The event's position.
    public var position: Int64
    /// The event's hash.
    public var hash: String

    /// Creates a chain head.
    public init(position: Int64, hash: String) {
        self.position = position
        self.hash = hash
    }
}
