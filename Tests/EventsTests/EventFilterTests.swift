import Events
import Foundation
import Testing

/// `EventFilter.matches`, the in-memory twin of the store's SQL filter.
@Suite("EventFilter")
struct EventFilterTests {
    private func event(stream: String, type: String, actor: String, at micros: Int64) -> RecordedEvent {
        RecordedEvent(
            position: 1, id: UUID(), streamId: StreamID(stream)!, streamVersion: 1, type: type, schemaVersion: 1,
            data: .null, metadata: EventMetadata(actor: ActorRef(tokenId: actor, role: .monitor)),
            recordedAt: Timestamp(microsecondsSinceEpoch: micros), previousHash: CanonicalEvent.genesisHash,
            hash: CanonicalEvent.genesisHash)
    }

    @Test("each criterion narrows the match; criteria combine with AND")
    func matching() throws {
        let e = event(stream: "unit-1", type: "Opened", actor: "tok-a", at: 1_000)
        #expect(EventFilter.all.matches(e))
        #expect(EventFilter(stream: StreamID("unit-1")).matches(e))
        #expect(!EventFilter(stream: StreamID("unit-2")).matches(e))
        #expect(EventFilter(types: ["Closed", "Opened"]).matches(e))
        #expect(!EventFilter(types: ["Closed"]).matches(e))
        #expect(EventFilter(actor: "tok-a").matches(e))
        #expect(!EventFilter(actor: "tok-b").matches(e))
        #expect(EventFilter(recordedUpTo: Timestamp(microsecondsSinceEpoch: 1_000)).matches(e))
        #expect(!EventFilter(recordedUpTo: Timestamp(microsecondsSinceEpoch: 999)).matches(e))
        #expect(EventFilter(stream: StreamID("unit-1"), types: ["Opened"], actor: "tok-a").matches(e))
        #expect(!EventFilter(stream: StreamID("unit-1"), types: ["Opened"], actor: "tok-b").matches(e))
    }
}
