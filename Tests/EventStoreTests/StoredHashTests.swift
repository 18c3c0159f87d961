import EventStore
import Events
import Foundation
import LedgerTestSupport
import Testing

/// The stored hashes can be recomputed from what the log returns: by our formula, and by an auditor's own Python script.
@Suite("Stored hashes recomputed from the log")
struct StoredHashTests {
    /// A varied log: several streams, multi-event appends, awkward text and numbers, optional metadata.
    private func seed(_ store: PostgresEventStore) async throws {
        let payloads: [JSONValue] = [
            .object(["title": .string("Dư luận xã hội"), "score": .double(0.75)]),
            .object(["quote": .string("\"a\\b\"\n\t\u{1}"), "emoji": .string("\u{1F600}"), "big": .integer(.min)]),
            .array([.null, .bool(true), .object(["z": .integer(1), "a": .integer(2), "\u{FF61}": .null, "\u{1F600}": .null])]),
            .string("e\u{301} and \u{E9}"),
            .object([:]),
            // Fractional numbers survive jsonb's numeric type: it keeps the decimal, we re-read the same double.
            .array([
                .double(1e-7), .double(.leastNonzeroMagnitude), .double(0.30000000000000004), .double(123456789012345.6), .double(-2.5),
            ]),
        ]
        let metadata = EventMetadata(
            actor: ActorRef(tokenId: "tok-9", role: .admin), correlationId: UUID(), causationId: nil)
        for (index, payload) in payloads.enumerated() {
            let events = [NewEvent(type: "Kind\(index)", schemaVersion: Int32(index + 1), data: payload), Fixtures.event(n: Int64(index))]
            _ = try await store.append(
                Fixtures.request(
                    Fixtures.stream("hash-\(index % 2)"), .any, events, metadata: index % 2 == 0 ? metadata : Fixtures.metadata))
        }
    }

    @Test("each hash equals HashChain.hash(previous, CanonicalEvent.bytes(of: event)), linked from genesis")
    func recomputed() async throws {
        try await TestDatabase.with { db in
            let store = db.store()
            try await seed(store)
            let events = try await Fixtures.allEvents(store)
            try #require(events.count == 12)
            var previous = CanonicalEvent.genesisHash
            for event in events {
                #expect(event.previousHash == previous, "position \(event.position)")
                let expected = HashChain.hash(previous: previous, canonical: try CanonicalEvent.bytes(of: event))
                #expect(event.hash == expected, "position \(event.position)")
                previous = event.hash
            }
            #expect(try await store.verifyChain().head == ChainHead(position: 12, hash: previous))
        }
    }

    @Test("an auditor's Python script, given the events as JSON lines, computes the same hashes")
    func pythonAudit() async throws {
        try await TestDatabase.with { db in
            let store = db.store()
            try await seed(store)
            let events = try await Fixtures.allEvents(store)
            // The export: every envelope field under its documented name, serialised by Foundation (not canonical).
            var export = Data()
            for event in events {
                let envelope = AuditEnvelope(
                    position: event.position, eventId: event.id.uuidString.lowercased(), streamId: event.streamId.rawValue,
                    streamVersion: event.streamVersion, type: event.type, schemaVersion: event.schemaVersion,
                    data: event.data, metadata: event.metadata, recordedAt: event.recordedAt.rfc3339,
                    previousHash: event.previousHash, hash: event.hash)
                export += try JSONEncoder().encode(envelope)
                export += Data("\n".utf8)
            }
            let script = #"""
                import hashlib, json, sys
                previous = "0" * 64
                for line in sys.stdin.buffer:
                    event = json.loads(line)
                    body = {k: v for k, v in event.items() if k not in ("hash", "previousHash")}
                    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
                    digest = hashlib.sha256(bytes.fromhex(previous) + canonical).hexdigest()
                    ok = event["previousHash"] == previous and event["hash"] == digest
                    print(event["position"], digest, "ok" if ok else "BROKEN")
                    previous = event["hash"]
                """#
            let output = try runPython(script, input: export)
            let lines = output.split(separator: "\n").map(String.init)
            #expect(lines == events.map { "\($0.position) \($0.hash) ok" })
        }
    }

    /// The export format an auditor reads.
    private struct AuditEnvelope: Encodable {
        var position: Int64
        var eventId: String
        var streamId: String
        var streamVersion: Int64
        var type: String
        var schemaVersion: Int32
        var data: JSONValue
        var metadata: EventMetadata
        var recordedAt: String
        var previousHash: String
        var hash: String
    }

    private func runPython(_ script: String, input: Data) throws -> String {
        let inputURL = FileManager.default.temporaryDirectory.appendingPathComponent("audit-\(UUID().uuidString).jsonl")
        try input.write(to: inputURL)
        defer { try? FileManager.default.removeItem(at: inputURL) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script]
        var environment = ProcessInfo.processInfo.environment
        environment["PYTHONIOENCODING"] = "utf-8"
        process.environment = environment
        let stdout = Pipe()
        process.standardInput = try FileHandle(forReadingFrom: inputURL)
        process.standardOutput = stdout
        try process.run()
        let output = try stdout.fileHandleForReading.readToEnd() ?? Data()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "python3 exited with \(process.terminationStatus)")
        return String(decoding: output, as: UTF8.self)
    }
}
