import Events
import Foundation
import Testing

@testable import EventStore

/// Validation of append requests before they reach the database, and the request fingerprint used for idempotency.
@Suite("Append request validation and fingerprint")
struct PreparedAppendTests {
    private func refusal(_ request: AppendRequest) -> String? {
        do {
            _ = try PreparedAppend(request)
            return nil
        } catch {
            guard case .invalidAppend(let field, _) = error else { return "unexpected \(error)" }
            return field
        }
    }

    @Test("a well-formed request is accepted and its payloads are stored in canonical form")
    func accepted() throws {
        let data: JSONValue = .object(["b": .string("Dư luận"), "a": .array([.integer(1), .double(2.0)])])
        let request = try Fixtures.request(Fixtures.stream("x"), .any, [NewEvent(type: "Report.Filed2", data: data)])
        let prepared = try PreparedAppend(request)
        #expect(prepared.dataTexts == [#"{"a":[1,2],"b":"Dư luận"}"#])
        #expect(prepared.metadataText == #"{"actor":{"role":"unit-officer","tokenId":"tok-writer","unitId":"unit-1"}}"#)
    }

    @Test("requests the log cannot store are refused, naming the field")
    func refused() throws {
        let x = try Fixtures.stream("x")
        func request(_ events: [NewEvent], _ expected: ExpectedVersion = .any) -> AppendRequest {
            AppendRequest(stream: x, expectedVersion: expected, events: events, metadata: Fixtures.metadata)
        }
        let ok = Fixtures.event(n: 1)
        #expect(refusal(request([])) == "events")
        #expect(refusal(request(Array(repeating: ok, count: 1_001))) == "events")
        #expect(refusal(request(Array(repeating: ok, count: 1_000))) == nil)
        #expect(refusal(request([ok], .exact(-1))) == "expectedVersion")
        for badType in ["", "1Report", "Report-Filed", "Report Filed", "Báo", String(repeating: "A", count: 101)] {
            #expect(refusal(request([ok, NewEvent(type: badType, data: .null)])) == "events[1].type", "\(badType)")
        }
        #expect(refusal(request([NewEvent(type: String(repeating: "A", count: 100), data: .null)])) == nil)
        #expect(refusal(request([NewEvent(type: "T", schemaVersion: 0, data: .null)])) == "events[0].schemaVersion")
        #expect(refusal(request([NewEvent(type: "T", data: .string("nul\u{0}"))])) == "events[0].data")
        #expect(refusal(request([ok, NewEvent(type: "T", data: .double(.nan))])) == "events[1].data")
        let big = JSONValue.string(String(repeating: "x", count: 1 << 20))
        #expect(refusal(request([NewEvent(type: "T", data: big)])) == "events[0].data")
    }

    @Test("the fingerprint ignores event ids and metadata, which differ between retries")
    func fingerprintIgnoresIdsAndMetadata() throws {
        let x = try Fixtures.stream("x")
        let a = AppendRequest(stream: x, expectedVersion: .exact(2), events: [Fixtures.event(n: 1)], metadata: Fixtures.metadata)
        var b = a
        b.events[0].id = UUID()
        b.metadata = EventMetadata(actor: .system("other"), correlationId: UUID())
        #expect(try a.contentFingerprint() == b.contentFingerprint())
        #expect(try a.contentFingerprint().count == 64)
    }

    @Test("the fingerprint changes with anything the request asks for")
    func fingerprintCoversContent() throws {
        let base = AppendRequest(
            stream: try Fixtures.stream("x"), expectedVersion: .exact(2),
            events: [Fixtures.event(n: 1), Fixtures.event("Other", n: 2)], metadata: Fixtures.metadata)
        var variants: [AppendRequest] = []
        var changed = base
        changed.stream = try Fixtures.stream("y")
        variants.append(changed)
        changed = base
        changed.expectedVersion = .exact(3)
        variants.append(changed)
        changed = base
        changed.expectedVersion = .any
        variants.append(changed)
        changed = base
        changed.events[0].type = "Changed"
        variants.append(changed)
        changed = base
        changed.events[0].schemaVersion = 2
        variants.append(changed)
        changed = base
        changed.events[0].data = .object(["n": .integer(9)])
        variants.append(changed)
        changed = base
        changed.events.reverse()
        variants.append(changed)
        changed = base
        changed.events.removeLast()
        variants.append(changed)
        let fingerprints = try ([base] + variants).map { try $0.contentFingerprint() }
        #expect(Set(fingerprints).count == fingerprints.count)
    }
}
