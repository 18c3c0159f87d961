import Events
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// The audit routes over HTTP: who may use them, the streamed NDJSON export, signed checkpoints and
/// the public key, and an actor's events.
@Suite struct AuditRoutesTests {
    struct Checkpoint: Decodable {
        var position: Int64
        var hash: String
        var recordedAt: String?
        var signedAt: String
        var keyId: String
        var algorithm: String
        var signature: String
    }
    struct PublicKey: Decodable {
        var keyId: String
        var algorithm: String
        var publicKey: String
    }
    struct Page: Decodable {
        struct Event: Decodable {
            var position: Int64
            var metadata: EventMetadata
        }
        var events: [Event]
        var nextAfter: Int64
        var hasMore: Bool
        var next: String
    }

    static let routes = [
        "/v1/audit/verify", "/v1/audit/export", "/v1/audit/checkpoint", "/v1/audit/public-key", "/v1/audit/actors/x/events",
    ]

    @Test func onlyAuditorsAndAdminsMayUseAuditRoutes() async throws {
        try await AuditHarness.with(signer: ReversingSigner()) { harness, client in
            try await harness.appendEvents(2, to: "unit-a")
            for role in [Role.supervisor, .unitOfficer, .monitor] {
                let auth = try await harness.bearer(role, unit: role == .monitor ? nil : "u1")
                for route in Self.routes {
                    try await client.execute(uri: route, method: .get, headers: auth) { response in
                        #expect(response.status == .forbidden, "\(role) \(route)")
                        let problem = try response.json(Problem.self)
                        #expect(problem.type == "urn:opinion-ledger:problem:forbidden")
                    }
                }
            }
            for role in [Role.auditor, .admin] {
                let auth = try await harness.bearer(role)
                for route in Self.routes {
                    try await client.execute(uri: route, method: .get, headers: auth) { #expect($0.status == .ok, "\(role) \(route)") }
                }
            }
            for route in Self.routes {
                try await client.execute(uri: route, method: .get) { #expect($0.status == .unauthorized) }
            }
        }
    }

    @Test func exportStreamsOneCanonicalLinePerEventAcrossPages() async throws {
        try await AuditHarness.with(signer: nil) { harness, client in
            for batch in 0..<2 {
                let events = (0..<700).map {
                    NewEvent(type: "Noted", data: .object(["n": .integer(Int64(batch * 700 + $0)), "t": .string("Huế")]))
                }
                _ = try await harness.store.append(
                    AppendRequest(
                        stream: StreamID("unit-big")!, expectedVersion: .any, events: events,
                        metadata: EventMetadata(actor: .system("test"))))
            }
            let auth = try await harness.bearer(.auditor)
            let body = try await client.execute(uri: "/v1/audit/export", method: .get, headers: auth) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/x-ndjson")
                #expect(response.headers[.contentLength] == nil, "streamed page by page, not one buffer of known length")
                return Data(buffer: response.body)
            }
            let lines = body.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            #expect(lines.count == 1401, "1,400 lines, each ended by a newline")
            #expect(lines.last?.isEmpty == true)
            var expected: Int64 = 1
            for line in lines.dropLast() {
                let value = try JSONValue.parse(line)
                #expect(value["position"] == .integer(expected))
                #expect(Array(line) == (try value.canonicalBytes()), "each line is canonical JSON")
                guard case .object(let members) = value else { Issue.record("not an object"); return }
                #expect(Set(members.keys) == Set(ExportLine.members))
                expected += 1
            }
            let range = try await client.execute(uri: "/v1/audit/export?from=699&to=702", method: .get, headers: auth) {
                Data(buffer: $0.body)
            }
            let positions = try range.split(separator: UInt8(ascii: "\n")).map { try JSONValue.parse($0)["position"] }
            #expect(positions == [.integer(699), .integer(700), .integer(701), .integer(702)])
            for uri in ["/v1/audit/export?from=5&to=4", "/v1/audit/export?from=1401"] {
                try await client.execute(uri: uri, method: .get, headers: auth) { response in
                    #expect(response.status == .ok)
                    #expect(response.body.readableBytes == 0)
                }
            }
            try await client.execute(uri: "/v1/audit/export?from=0", method: .get, headers: auth) { response in
                #expect(response.status == .badRequest)
                let problem = try response.json(Problem.self)
                #expect(problem.field == "from")
            }
        }
    }

    @Test func checkpointSignsTheDocumentedBytesOfTheHead() async throws {
        try await AuditHarness.with(signer: ReversingSigner()) { harness, client in
            let auth = try await harness.bearer(.auditor)
            let empty = try await client.execute(uri: "/v1/audit/checkpoint", method: .get, headers: auth) { try $0.json(Checkpoint.self) }
            #expect(empty.position == 0)
            #expect(empty.hash == CanonicalEvent.genesisHash)
            #expect(empty.recordedAt == nil)
            try await harness.appendEvents(3, to: "unit-a")
            let head = try await harness.store.readAll(after: 2, limit: 1, filter: .all).events[0]
            let checkpoint = try await client.execute(uri: "/v1/audit/checkpoint", method: .get, headers: auth) {
                try $0.json(Checkpoint.self)
            }
            #expect(checkpoint.position == 3)
            #expect(checkpoint.hash == head.hash)
            #expect(checkpoint.recordedAt == head.recordedAt.rfc3339)
            #expect(checkpoint.keyId == "00112233445566ff")
            #expect(checkpoint.algorithm == "Ed25519")
            let expectedBytes = Array(
                "{\"context\":\"opinion-ledger checkpoint v1\",\"hash\":\"\(head.hash)\",\"keyId\":\"00112233445566ff\",\"position\":3,\"recordedAt\":\"\(head.recordedAt.rfc3339)\",\"signedAt\":\"\(checkpoint.signedAt)\"}"
                    .utf8)
            let signed = try #require(Data(base64Encoded: checkpoint.signature))
            #expect(Array(signed) == expectedBytes.reversed())
            let key = try await client.execute(uri: "/v1/audit/public-key", method: .get, headers: auth) { try $0.json(PublicKey.self) }
            #expect(key.keyId == "00112233445566ff")
            #expect(key.algorithm == "Ed25519")
            #expect(Data(base64Encoded: key.publicKey) == Data(repeating: 7, count: 32))
        }
    }

    @Test func withoutAKeyCheckpointRoutesAnswer503SayingWhatToSet() async throws {
        try await AuditHarness.with(signer: nil) { harness, client in
            let auth = try await harness.bearer(.admin)
            for route in ["/v1/audit/checkpoint", "/v1/audit/public-key"] {
                try await client.execute(uri: route, method: .get, headers: auth) { response in
                    #expect(response.status == .serviceUnavailable)
                    let problem = try response.json(Problem.self)
                    #expect(problem.type == "urn:opinion-ledger:problem:service-unavailable")
                    #expect(problem.detail.contains("LEDGER_SIGNING_KEY"))
                }
            }
            try await client.execute(uri: "/v1/audit/verify", method: .get, headers: auth) { #expect($0.status == .ok) }
        }
    }

    @Test func actorEventsAndTheFeedsActorFilterShowOnlyThatTokensEvents() async throws {
        try await AuditHarness.with(signer: nil) { harness, client in
            let alice = ActorRef(tokenId: "0b6f8e2c-3d1a-4c57-9e0f-5a2b7c9d1e34", role: .unitOfficer, unitId: "u1")
            let bob = ActorRef(tokenId: "system:seed", role: .admin)
            for n in 0..<5 {
                _ = try await harness.store.append(
                    AppendRequest(
                        stream: StreamID("unit-\(n)")!, expectedVersion: .any, events: [NewEvent(type: "Noted", data: .object([:]))],
                        metadata: EventMetadata(actor: n.isMultiple(of: 2) ? alice : bob)))
            }
            let auth = try await harness.bearer(.auditor)
            let first = try await client.execute(uri: "/v1/audit/actors/\(alice.tokenId)/events?limit=2", method: .get, headers: auth) {
                #expect($0.status == .ok)
                return try $0.json(Page.self)
            }
            #expect(first.events.map(\.position) == [1, 3])
            #expect(first.events.allSatisfy { $0.metadata.actor == alice })
            #expect(first.hasMore)
            let rest = try await client.execute(uri: first.next, method: .get, headers: auth) { try $0.json(Page.self) }
            #expect(rest.events.map(\.position) == [5])
            let system = try await client.execute(uri: "/v1/audit/actors/system:seed/events", method: .get, headers: auth) {
                try $0.json(Page.self)
            }
            #expect(system.events.map(\.position) == [2, 4])
            let feed = try await client.execute(
                uri: "/v1/events?actor=\(alice.tokenId)", method: .get, headers: try await harness.bearer(.monitor)
            ) {
                try $0.json(Page.self)
            }
            #expect(feed.events.map(\.position) == [1, 3, 5])
            try await client.execute(uri: "/v1/audit/actors/no%20spaces/events", method: .get, headers: auth) { response in
                #expect(response.status == .badRequest)
                let problem = try response.json(Problem.self)
                #expect(problem.field == "tokenId")
            }
        }
    }
}
