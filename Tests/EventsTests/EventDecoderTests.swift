import Events
import Foundation
import Testing

/// `EventDecoder`: typed decoding of recorded events, upcasting older schema versions on the way.
@Suite("EventDecoder upcasting")
struct EventDecoderTests {
    /// Version 2 of a report: version 1 called the unit `unit` and had no `priority`.
    struct ReportFiled: DomainEvent, Equatable {
        static let eventType = "ReportFiled"
        static let schemaVersion: Int32 = 2
        var title: String
        var unitId: String
        var priority: Int
    }

    /// Version 3 of the same shape under another type name, to exercise a chain of two upcasters.
    struct NoteAdded: DomainEvent, Equatable {
        static let eventType = "NoteAdded"
        static let schemaVersion: Int32 = 3
        var text: String
        var author: String
    }

    /// v1 → v2: renames `unit` to `unitId` and adds `priority`.
    static let reportV1toV2 = Upcaster(eventType: "ReportFiled", fromVersion: 1) { json in
        guard case .object(var members) = json, let unit = members.removeValue(forKey: "unit") else {
            throw UpcastFailure()
        }
        members["unitId"] = unit
        members["priority"] = .integer(0)
        return .object(members)
    }

    struct UpcastFailure: Error {}

    private func recorded(type: String, schemaVersion: Int32, data: JSONValue) -> RecordedEvent {
        RecordedEvent(
            position: 1, id: UUID(), streamId: StreamID("report-1")!, streamVersion: 1, type: type,
            schemaVersion: schemaVersion, data: data, metadata: EventMetadata(actor: .system("test")),
            recordedAt: Timestamp(microsecondsSinceEpoch: 0), previousHash: CanonicalEvent.genesisHash,
            hash: CanonicalEvent.genesisHash)
    }

    @Test("a v1 payload is upcast and decoded as the current v2 type")
    func upcastsV1() throws {
        let decoder = EventDecoder(upcasters: [Self.reportV1toV2])
        let event = recorded(
            type: "ReportFiled", schemaVersion: 1, data: .object(["title": .string("Giá điện"), "unit": .string("u-7")]))
        let report = try decoder.decode(event, as: ReportFiled.self)
        #expect(report == ReportFiled(title: "Giá điện", unitId: "u-7", priority: 0))
        // The recorded event itself is untouched: the log is never rewritten.
        #expect(event.schemaVersion == 1)
        #expect(event.data["unit"] == .string("u-7"))
    }

    @Test("a payload already at the current version is decoded without any upcaster")
    func currentVersion() throws {
        let refusing = Upcaster(eventType: "ReportFiled", fromVersion: 2) { _ in throw UpcastFailure() }
        let decoder = EventDecoder(upcasters: [refusing])
        let event = recorded(
            type: "ReportFiled", schemaVersion: 2,
            data: .object(["title": .string("t"), "unitId": .string("u-1"), "priority": .integer(3)]))
        #expect(try decoder.decode(event, as: ReportFiled.self) == ReportFiled(title: "t", unitId: "u-1", priority: 3))
    }

    @Test("upcasters are chained in version order, v1 → v2 → v3")
    func chain() throws {
        let v1to2 = Upcaster(eventType: "NoteAdded", fromVersion: 1) { json in
            guard case .object(var members) = json else { throw UpcastFailure() }
            members["text"] = members.removeValue(forKey: "body")
            return .object(members)
        }
        let v2to3 = Upcaster(eventType: "NoteAdded", fromVersion: 2) { json in
            // Only valid after v1 → v2 ran: it needs `text`, which v1 did not have.
            guard case .object(var members) = json, members["text"] != nil else { throw UpcastFailure() }
            members["author"] = .string("unknown")
            return .object(members)
        }
        let decoder = EventDecoder(upcasters: [v2to3, v1to2])
        let v1 = recorded(type: "NoteAdded", schemaVersion: 1, data: .object(["body": .string("xin chào")]))
        #expect(try decoder.decode(v1, as: NoteAdded.self) == NoteAdded(text: "xin chào", author: "unknown"))
        let v2 = recorded(type: "NoteAdded", schemaVersion: 2, data: .object(["text": .string("hi")]))
        #expect(try decoder.decode(v2, as: NoteAdded.self) == NoteAdded(text: "hi", author: "unknown"))
    }

    @Test("no upcaster from the recorded version: noUpcastPath")
    func missingUpcaster() {
        let event = recorded(type: "ReportFiled", schemaVersion: 1, data: .object(["title": .string("t"), "unit": .string("u")]))
        #expect(throws: EventDecodingError.noUpcastPath(type: "ReportFiled", from: 1, to: 2)) {
            try EventDecoder().decode(event, as: ReportFiled.self)
        }
        // An upcaster for another type does not help.
        let other = Upcaster(eventType: "Other", fromVersion: 1) { $0 }
        #expect(throws: EventDecodingError.noUpcastPath(type: "ReportFiled", from: 1, to: 2)) {
            try EventDecoder(upcasters: [other]).decode(event, as: ReportFiled.self)
        }
    }

    @Test("a gap in the chain is refused, naming the whole path")
    func gapInChain() {
        let v2to3 = Upcaster(eventType: "NoteAdded", fromVersion: 2) { $0 }
        let event = recorded(type: "NoteAdded", schemaVersion: 1, data: .object(["body": .string("x")]))
        #expect(throws: EventDecodingError.noUpcastPath(type: "NoteAdded", from: 1, to: 3)) {
            try EventDecoder(upcasters: [v2to3]).decode(event, as: NoteAdded.self)
        }
    }

    @Test("a recorded version newer than the code: newerThanCode")
    func newerThanCode() {
        let event = recorded(
            type: "ReportFiled", schemaVersion: 3,
            data: .object(["title": .string("t"), "unitId": .string("u"), "priority": .integer(1)]))
        #expect(throws: EventDecodingError.newerThanCode(type: "ReportFiled", recorded: 3, known: 2)) {
            try EventDecoder(upcasters: [Self.reportV1toV2]).decode(event, as: ReportFiled.self)
        }
    }

    @Test("another event type: typeMismatch, before any upcasting")
    func typeMismatch() {
        let event = recorded(type: "NoteAdded", schemaVersion: 1, data: .object(["body": .string("x")]))
        #expect(throws: EventDecodingError.typeMismatch(expected: "ReportFiled", found: "NoteAdded")) {
            try EventDecoder(upcasters: [Self.reportV1toV2]).decode(event, as: ReportFiled.self)
        }
    }

    @Test("a payload that does not fit the type: invalidPayload")
    func invalidPayload() {
        let event = recorded(type: "ReportFiled", schemaVersion: 2, data: .object(["title": .string("t")]))
        #expect {
            try EventDecoder().decode(event, as: ReportFiled.self)
        } throws: { error in
            guard case EventDecodingError.invalidPayload(let type, _) = error else { return false }
            return type == "ReportFiled"
        }
    }

    @Test("NewEvent from a typed event carries its type name and current schema version")
    func newEventFromDomainEvent() throws {
        let event = try NewEvent(ReportFiled(title: "t", unitId: "u", priority: 2))
        #expect(event.type == "ReportFiled")
        #expect(event.schemaVersion == 2)
        #expect(event.data == .object(["title": .string("t"), "unitId": .string("u"), "priority": .integer(2)]))
    }
}
