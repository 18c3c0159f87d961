import Events
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// `GET /v1/streams/{id}/state?version=`: the stream folded up to a version, by stream kind.
@Suite struct StreamStateTests {
    struct State: Decodable {
        var streamId: String
        var kind: String
        var version: Int64
        var position: Int64
        var state: JSONValue
    }

    static func append(_ harness: APIHarness, _ stream: String, _ events: [UnitEvent]) async throws {
        _ = try await harness.store.append(
            AppendRequest(
                stream: StreamID(stream)!, expectedVersion: .any, events: try events.map { try $0.newEvent() },
                metadata: EventMetadata(actor: .system("test"))))
    }

    @Test func aUnitStreamAtEachVersion() async throws {
        try await APIHarness.with { harness, client in
            let day = try LocalDate(parsing: "2025-01-01")
            try await Self.append(
                harness, "unit-other",
                [.registered(.init(unitId: "other", name: "Khác", kind: .province, parentId: nil, effectiveFrom: day))])
            try await Self.append(
                harness, "unit-hue", [.registered(.init(unitId: "hue", name: "Huế", kind: .province, parentId: nil, effectiveFrom: day))])
            try await Self.append(
                harness, "unit-hue",
                [.renamed(.init(unitId: "hue", name: "Thành phố Huế", effectiveFrom: try LocalDate(parsing: "2025-07-01")))])
            let auth = try await harness.bearer(.monitor)
            let v1 = try await client.execute(uri: "/v1/streams/unit-hue/state?version=1", method: .get, headers: auth) {
                #expect($0.status == .ok)
                return try $0.json(State.self)
            }
            #expect(v1.kind == "unit")
            #expect(v1.version == 1)
            #expect(v1.position == 2)
            #expect(v1.state["name"] == .string("Huế"))
            #expect(v1.state["status"] == .string("active"))
            let latest = try await client.execute(uri: "/v1/streams/unit-hue/state", method: .get, headers: auth) {
                try $0.json(State.self)
            }
            #expect(latest.version == 2)
            #expect(latest.position == 3)
            #expect(latest.state["name"] == .string("Thành phố Huế"))
            #expect(latest.state["lastEffectiveFrom"] == .string("2025-07-01"))
            try await client.execute(uri: "/v1/streams/unit-hue/state?version=3", method: .get, headers: auth) { response in
                #expect(response.status == .notFound)
                let problem = try response.json(Problem.self)
                #expect(problem.field == "version")
            }
            for uri in ["/v1/streams/unit-nowhere/state", "/v1/streams/weather-1/state"] {
                try await client.execute(uri: uri, method: .get, headers: auth) { #expect($0.status == .notFound, "\(uri)") }
            }
            try await client.execute(uri: "/v1/streams/unit-hue/state?version=0", method: .get, headers: auth) { response in
                #expect(response.status == .badRequest)
                let problem = try response.json(Problem.self)
                #expect(problem.field == "version")
            }
        }
    }

    @Test func foldsAreChosenByTheLongestPrefixAndNewKindsCanRegister() throws {
        var folds = StreamStateFolds.standard
        #expect(folds.fold(for: StreamID("duty:o1:u1:2026-11")!)?.kind == "reporting-duty")
        #expect(folds.fold(for: StreamID("obligation-x")!)?.kind == "obligation")
        #expect(folds.fold(for: StreamID("incident-1")!) == nil)
        folds.register(
            StreamStateFold(kind: "incident", prefix: "incident-") { events in .object(["count": .integer(Int64(events.count))]) })
        #expect(folds.fold(for: StreamID("incident-1")!)?.kind == "incident")
        // Overlapping prefixes: the longest wins, whichever was registered first.
        folds.register(StreamStateFold(kind: "incident-archive", prefix: "incident-archive-") { _ in .null })
        #expect(folds.fold(for: StreamID("incident-archive-1")!)?.kind == "incident-archive")
        #expect(folds.fold(for: StreamID("incident-1")!)?.kind == "incident")
        // Registering a prefix again replaces its fold.
        folds.register(StreamStateFold(kind: "incident-v2", prefix: "incident-") { _ in .null })
        #expect(folds.fold(for: StreamID("incident-1")!)?.kind == "incident-v2")
        #expect(folds.folds.filter { $0.prefix == "incident-" }.count == 1)
    }
}
