import EventStore
import Events
import Foundation
import LedgerTestSupport
import Testing

/// Builders shared by the event-store tests.
enum Fixtures {
    static let actor = ActorRef(tokenId: "tok-writer", role: .unitOfficer, unitId: "unit-1")
    static let metadata = EventMetadata(actor: actor)

    static func stream(_ name: String) throws -> StreamID {
        try #require(StreamID(name), "invalid stream name \(name)")
    }

    /// An event whose payload is `{"n": n}`.
    static func event(_ type: String = "Noted", n: Int64, id: UUID = UUID()) -> NewEvent {
        NewEvent(id: id, type: type, data: .object(["n": .integer(n)]))
    }

    /// A request; with `key`, an idempotency key whose fingerprint is the request's own.
    static func request(
        _ stream: StreamID, _ expected: ExpectedVersion = .any, _ events: [NewEvent],
        metadata: EventMetadata = metadata, key: String? = nil, scope: String = "tok-writer"
    ) throws -> AppendRequest {
        var request = AppendRequest(stream: stream, expectedVersion: expected, events: events, metadata: metadata)
        if let key {
            request.idempotency = IdempotencyKey(scope: scope, key: key, fingerprint: try request.contentFingerprint())
        }
        return request
    }

    /// The whole log, read page by page.
    static func allEvents(_ store: PostgresEventStore, pageSize: Int = 1_000) async throws -> [RecordedEvent] {
        var events: [RecordedEvent] = []
        var after: Int64 = 0
        while true {
            let page = try await store.readAll(after: after, limit: pageSize, filter: .all)
            events += page.events
            if page.nextAfter >= page.head { return events }
            after = page.nextAfter
        }
    }

    /// Runs an append and captures its outcome instead of throwing.
    static func outcome(
        _ body: () async throws(EventStoreError) -> AppendResult
    ) async -> Result<AppendResult, EventStoreError> {
        do { return .success(try await body()) } catch { return .failure(error) }
    }
}

/// Collects from `events` until `done` says so; nil if that does not happen within `timeout`.
func collect<Events: AsyncSequence & Sendable>(
    _ events: Events, within timeout: Duration, until done: @escaping @Sendable ([RecordedEvent]) -> Bool
) async throws -> [RecordedEvent]? where Events.Element == RecordedEvent {
    try await withThrowingTaskGroup(of: [RecordedEvent]?.self) { group in
        group.addTask {
            var seen: [RecordedEvent] = []
            for try await event in events {
                seen.append(event)
                if done(seen) { return seen }
            }
            return seen
        }
        group.addTask {
            try await Task.sleep(for: timeout)
            return nil
        }
        defer { group.cancelAll() }
        return try await group.next() ?? nil
    }
}
