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
        #expect(EventFilter(upToPosition: 1).matches(e))
        #expect(!EventFilter(upToPosition: 0).matches(e))
    }

    @Test("a read cut: by instant, by position, both (the earlier wins); pinned to now when it names no instant")
    func readCut() throws {
        let e = event(stream: "unit-1", type: "Opened", actor: "tok-a", at: 1_000)
        let at = { (micros: Int64) in Timestamp(microsecondsSinceEpoch: micros) }
        #expect(ReadCut.now.contains(e) && !ReadCut.now.isPast && ReadCut.now.instant == nil && ReadCut.now.suffix == "")
        #expect(ReadCut.asOf(at(1_000)).contains(e) && !ReadCut.asOf(at(999)).contains(e))
        #expect(ReadCut.asOf(at(999)).instant == at(999) && ReadCut.asOf(at(999)).isPast)
        #expect(ReadCut(upToPosition: 1).contains(e) && !ReadCut(upToPosition: 0).contains(e))
        #expect(!ReadCut(recordedUpTo: at(999), upToPosition: 5).contains(e))
        #expect(!ReadCut(recordedUpTo: at(2_000), upToPosition: 0).contains(e))
        let position = ReadCut(upToPosition: 3, instant: at(500))
        #expect(position.pinned(at: at(9_000)) == position)
        #expect(ReadCut.now.pinned(at: at(9_000)) == ReadCut(recordedUpTo: at(9_000)))
        #expect(ReadCut.now.pinned(at: at(9_000)).instant == at(9_000))
        #expect(EventFilter(types: ["Opened"], cut: position) == EventFilter(types: ["Opened"], upToPosition: 3))
        #expect(ReadCut(recordedUpTo: at(0), upToPosition: 3).suffix == " as recorded at 1970-01-01T00:00:00.000000Z at position 3")
    }
}
