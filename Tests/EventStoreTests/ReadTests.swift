import EventStore
import Events
import Foundation
import LedgerTestSupport
import Testing

/// Reading back: one stream from a version, the whole log in pages, filters, and what an empty log answers.
@Suite("Reading the log")
struct ReadTests {
    /// Ten events: streams a/b/c in turn, types Opened/Noted/Closed; returns them as appended, by position.
    private func seed(_ store: PostgresEventStore) async throws -> [(stream: String, type: String, n: Int64)] {
        var appended: [(stream: String, type: String, n: Int64)] = []
        for n in 1...10 {
            let stream = ["a", "b", "c"][n % 3]
            let type = n % 4 == 0 ? "Closed" : (n % 2 == 0 ? "Noted" : "Opened")
            _ = try await store.append(Fixtures.request(Fixtures.stream(stream), .any, [Fixtures.event(type, n: Int64(n))]))
            appended.append((stream, type, Int64(n)))
        }
        return appended
    }

    @Test("readStream starts at the given version, in version order, up to the limit")
    func readStream() async throws {
        try await TestDatabase.with { db in
            let store = db.store()
            let stream = try Fixtures.stream("s")
            let events = (1...6).map { Fixtures.event(n: Int64($0)) }
            _ = try await store.append(Fixtures.request(stream, .noStream, Array(events[0..<4])))
            _ = try await store.append(Fixtures.request(Fixtures.stream("other"), .any, [Fixtures.event(n: 0)]))
            _ = try await store.append(Fixtures.request(stream, .exact(4), Array(events[4...])))

            let fromThree = try await store.readStream(stream, fromVersion: 3, limit: 100)
            #expect(fromThree.map(\.streamVersion) == [3, 4, 5, 6])
            #expect(fromThree.map(\.id) == events[2...].map(\.id))
            #expect(fromThree.map(\.position) == [3, 4, 6, 7])
            #expect(try await store.readStream(stream, fromVersion: 2, limit: 2).map(\.streamVersion) == [2, 3])
            #expect(try await store.readStream(stream, fromVersion: 7, limit: 10).isEmpty)
            #expect(try await store.readStream(Fixtures.stream("missing"), fromVersion: 1, limit: 10).isEmpty)
        }
    }

    @Test("readAll pages to the end: nextAfter advances by the page, head is reported")
    func paging() async throws {
        try await TestDatabase.with { db in
            let store = db.store()
            let appended = try await seed(store)
            var pages: [EventPage] = []
            var after: Int64 = 0
            while pages.count < 10 {
                let page = try await store.readAll(after: after, limit: 3, filter: .all)
                pages.append(page)
                if page.nextAfter >= page.head { break }
                after = page.nextAfter
            }
            #expect(pages.map { $0.events.map(\.position) } == [[1, 2, 3], [4, 5, 6], [7, 8, 9], [10]])
            #expect(pages.map(\.nextAfter) == [3, 6, 9, 10])
            #expect(pages.allSatisfy { $0.head == 10 })
            let events = pages.flatMap(\.events)
            #expect(events.map(\.streamId.rawValue) == appended.map(\.stream))
            #expect(events.map(\.type) == appended.map(\.type))
            #expect(events.map(\.data) == appended.map { .object(["n": .integer($0.n)]) })

            let exact = try await store.readAll(after: 7, limit: 3, filter: .all)
            #expect(exact.events.map(\.position) == [8, 9, 10])
            #expect(exact.nextAfter == 10)
            let beyond = try await store.readAll(after: 10, limit: 3, filter: .all)
            #expect(beyond.events.isEmpty)
            #expect(beyond.nextAfter == 10)
            #expect(beyond.head == 10)
        }
    }

    @Test("filters by stream, by type and by actor, in position order")
    func filters() async throws {
        try await TestDatabase.with { db in
            let store = db.store()
            let appended = try await seed(store)
            let byStream = try await store.readAll(after: 0, limit: 100, filter: EventFilter(stream: Fixtures.stream("b")))
            let expectedB = appended.indices.filter { appended[$0].stream == "b" }.map { Int64($0 + 1) }
            #expect(byStream.events.map(\.position) == expectedB)
            #expect(byStream.nextAfter == 10)

            let byType = try await store.readAll(after: 0, limit: 100, filter: EventFilter(types: ["Closed", "Opened"]))
            let expectedTypes = appended.indices.filter { appended[$0].type != "Noted" }.map { Int64($0 + 1) }
            #expect(byType.events.map(\.position) == expectedTypes)

            let both = try await store.readAll(
                after: 0, limit: 100, filter: EventFilter(stream: Fixtures.stream("a"), types: ["Noted"]))
            #expect(both.events.allSatisfy { $0.streamId.rawValue == "a" && $0.type == "Noted" })
            #expect(both.events.count == appended.filter { $0.stream == "a" && $0.type == "Noted" }.count)

            // A filtered page that fills up stops at its last match, so the next page resumes after it.
            let firstTwoB = try await store.readAll(after: 0, limit: 2, filter: EventFilter(stream: Fixtures.stream("b")))
            #expect(firstTwoB.events.map(\.position) == Array(expectedB.prefix(2)))
            #expect(firstTwoB.nextAfter == expectedB[1])

            let other = ActorRef(tokenId: "tok-other", role: .monitor)
            _ = try await store.append(
                Fixtures.request(Fixtures.stream("a"), .any, [Fixtures.event(n: 11)], metadata: EventMetadata(actor: other)))
            let byActor = try await store.readAll(after: 0, limit: 100, filter: EventFilter(actor: "tok-other"))
            #expect(byActor.events.map(\.position) == [11])
            #expect(byActor.events.first?.metadata.actor == other)
            #expect(try await store.readAll(after: 0, limit: 100, filter: EventFilter(types: ["Nothing"])).events.isEmpty)
        }
    }

    @Test("an empty log: no events, head 0, a valid empty chain")
    func emptyLog() async throws {
        try await TestDatabase.with { db in
            let store = db.store()
            let page = try await store.readAll(after: 0, limit: 100, filter: .all)
            #expect(page.events.isEmpty)
            #expect(page.head == 0)
            #expect(page.nextAfter == 0)
            #expect(try await store.headPosition() == 0)
            let verification = try await store.verifyChain()
            #expect(verification.valid)
            #expect(verification.checked == 0)
            #expect(verification.head == nil)
        }
    }

    @Test("what was appended reads back exactly: payload, metadata, schema version and microsecond time")
    func roundTrip() async throws {
        let clock = Timestamp(microsecondsSinceEpoch: 1_709_164_800_123_457)
        try await TestDatabase.with { db in
            let store = db.store(now: { clock })
            let data: JSONValue = .object([
                "title": .string("Dư luận xã hội \"trích dẫn\"\n\u{1F600}"), "count": .integer(.max), "ratio": .double(0.1),
                "nested": .object(["list": .array([.null, .bool(false), .string("e\u{301}")]), "empty": .object([:])]),
            ])
            let metadata = EventMetadata(
                actor: ActorRef(tokenId: "tok-1", role: .supervisor, unitId: "unit-9"), correlationId: UUID(),
                causationId: UUID())
            let event = NewEvent(type: "Report.Filed", schemaVersion: 3, data: data)
            let stream = try Fixtures.stream("round-trip")
            _ = try await store.append(Fixtures.request(stream, .noStream, [event], metadata: metadata))
            let stored = try #require(try await store.readStream(stream, fromVersion: 1, limit: 1).first)
            #expect(stored.id == event.id)
            #expect(stored.type == "Report.Filed")
            #expect(stored.schemaVersion == 3)
            #expect(try stored.data.canonicalBytes() == data.canonicalBytes())
            #expect(stored.metadata == metadata)
            #expect(stored.recordedAt == clock)
            #expect(stored.position == 1)
            #expect(stored.previousHash == CanonicalEvent.genesisHash)
        }
    }

    @Test("recordedUpTo reads the log as it stood at an instant")
    func asOf() async throws {
        try await TestDatabase.with { db in
            let t1 = Timestamp(microsecondsSinceEpoch: 1_709_164_800_000_000)
            let t2 = Timestamp(microsecondsSinceEpoch: t1.microsecondsSinceEpoch + 60_000_000)
            let t3 = Timestamp(microsecondsSinceEpoch: t2.microsecondsSinceEpoch + 60_000_000)
            let stream = try Fixtures.stream("s")
            for (clock, count) in [(t1, 2), (t2, 2), (t3, 1)] {
                let store = db.store(now: { clock })
                _ = try await store.append(Fixtures.request(stream, .any, (0..<count).map { Fixtures.event(n: Int64($0)) }))
            }
            let store = db.store()
            func positions(upTo instant: Timestamp) async throws -> [Int64] {
                try await store.readAll(after: 0, limit: 100, filter: EventFilter(recordedUpTo: instant)).events.map(\.position)
            }
            let justBefore = { (t: Timestamp) in Timestamp(microsecondsSinceEpoch: t.microsecondsSinceEpoch - 1) }
            #expect(try await positions(upTo: justBefore(t1)) == [])
            #expect(try await positions(upTo: t1) == [1, 2])
            #expect(try await positions(upTo: justBefore(t2)) == [1, 2])
            #expect(try await positions(upTo: t2) == [1, 2, 3, 4])
            #expect(try await positions(upTo: t3) == [1, 2, 3, 4, 5])
            let all = try await Fixtures.allEvents(store)
            #expect(all.map(\.recordedAt) == [t1, t1, t2, t2, t3])
        }
    }

    @Test("upToPosition reads the log as if its head were there: pages stop at the cut, other filters still apply")
    func atPosition() async throws {
        try await TestDatabase.with { db in
            let store = db.store()
            let appended = try await seed(store)
            var positions: [Int64] = []
            try await store.forEachPage(matching: EventFilter(upToPosition: 7)) { positions += $0.map(\.position) }
            #expect(positions == [1, 2, 3, 4, 5, 6, 7])
            let page = try await store.readAll(after: 2, limit: 2, filter: EventFilter(upToPosition: 7))
            #expect(page.events.map(\.position) == [3, 4])
            #expect(page.head == 7)
            let last = try await store.readAll(after: 6, limit: 5, filter: EventFilter(upToPosition: 7))
            #expect(last.events.map(\.position) == [7])
            #expect(last.nextAfter == 7)
            let streamB = try await store.readAll(
                after: 0, limit: 100, filter: EventFilter(stream: Fixtures.stream("b"), cut: ReadCut(upToPosition: 8)))
            let expected = appended.enumerated().filter { $0.element.stream == "b" && $0.offset < 8 }.map { Int64($0.offset + 1) }
            #expect(streamB.events.map(\.position) == expected)
            #expect(!expected.isEmpty)
            // A cut beyond the head is the whole log; a cut below `after` is nothing.
            #expect(try await store.readAll(after: 0, limit: 100, filter: EventFilter(upToPosition: 99)).events.count == 10)
            #expect(try await store.readAll(after: 8, limit: 100, filter: EventFilter(upToPosition: 5)).events.isEmpty)
        }
    }

    @Test("a scan in windows of positions reads every matching event once, in order, up to the head or the cut")
    func windowedScan() async throws {
        try await TestDatabase.with { db in
            let store = db.store()
            let appended = try await seed(store)
            let noted = appended.enumerated().filter { $0.element.type == "Noted" }.map { Int64($0.offset + 1) }
            for span: Int64 in [1, 2, 3, 5, 10, 11, 1_000] {
                var positions: [Int64] = []
                var reads = 0
                try await store.forEachPage(matching: EventFilter(types: ["Noted"]), span: span) {
                    reads += 1
                    positions += $0.map(\.position)
                }
                #expect(positions == noted, "span \(span)")
                #expect(reads >= Int((10 + span - 1) / span), "span \(span): one read per window at least")
                var cut: [Int64] = []
                try await store.forEachPage(matching: EventFilter(types: ["Noted"], upToPosition: 6), span: span) {
                    cut += $0.map(\.position)
                }
                #expect(cut == noted.filter { $0 <= 6 }, "span \(span) with a cut")
            }
            let window = EventScanWindow(after: 4, filter: EventFilter(types: ["Noted"]), span: 3)
            #expect(window.end == 7 && window.filter.upToPosition == 7 && window.filter.types == ["Noted"])
            #expect(EventScanWindow(after: .max - 1, filter: .all).end == .max)
            #expect(EventScanWindow(after: 0, filter: EventFilter(upToPosition: 2), span: 3).filter.upToPosition == 2)
        }
    }
}
