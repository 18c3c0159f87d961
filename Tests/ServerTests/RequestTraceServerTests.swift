import EventStore
import Foundation
import LedgerTestSupport
import PostgresNIO
import Testing

/// Following one request through the service (issue 14, item 4): `X-Request-ID` accepted or made and
/// returned, one JSON access-log line per request with `LOG_FORMAT=json`, and the W3C `traceparent`'s
/// trace id recorded as the events' `correlationId`, the request id as their `causationId`.
@Suite struct RequestTraceServerTests {
    static let traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
    static let traceUUID = "4bf92f35-77b3-4da6-a3ce-929d0e0e4736"

    /// The newest event's correlation and causation ids, lowercased.
    static func lastMetadata(_ database: TestDatabase) async throws -> (String?, String?) {
        let rows = try await database.client.query(
            "SELECT metadata->>'correlationId', metadata->>'causationId' FROM events ORDER BY position DESC LIMIT 1")
        for try await (correlation, causation) in rows.decode((String?, String?).self) {
            return (correlation?.lowercased(), causation?.lowercased())
        }
        return (nil, nil)
    }

    @Test func aRequestIsFollowedFromItsHeadersToItsLogLineAndItsEvents() async throws {
        try await TestDatabase.with { database in
            let environment = LedgerProcess.environment(database.url, extra: ["LOG_FORMAT": "json", "LOG_LEVEL": "info"])
            let admin = try await LedgerProcess.run(["tokens", "create", "--role", "admin", "--name", "trace"], environment: environment)
                .stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            let server = try RunningServer(environment: environment)
            try await server.waitUntilReady()
            let requestId = "6f1c2b9a-8d3e-4a6f-b5c7-1e2d3f4a5b6c"
            let traced = try await server.request(
                "POST", "/v1/units", token: admin,
                body: #"{"id":"tinh","name":"UBND tỉnh","kind":"province","effectiveFrom":"2024-01-01"}"#,
                headers: ["X-Request-ID": requestId, "traceparent": Self.traceparent])
            #expect(traced.status == 201, "\(traced.body)")
            #expect(traced.requestId == requestId, "the client's request id is returned")
            let (correlation, causation) = try await Self.lastMetadata(database)
            #expect(correlation == Self.traceUUID, "the trace id is the event's correlationId")
            #expect(causation == requestId, "the request id is the event's causationId")

            // Without headers (or with a malformed traceparent): an id is made, and each request is its own correlation.
            let plain = try await server.request(
                "POST", "/v1/units", token: admin,
                body: #"{"id":"huyen-a","name":"UBND huyện A","kind":"districtCommittee","parentId":"tinh","effectiveFrom":"2024-01-01"}"#,
                headers: ["traceparent": "00-00000000000000000000000000000000-00f067aa0ba902b7-01", "X-Request-ID": "bad id with spaces"])
            #expect(plain.status == 201, "\(plain.body)")
            let made = try #require(plain.requestId)
            #expect(UUID(uuidString: made) != nil, "a request id is made when the given one is unusable: \(made)")
            let (otherCorrelation, otherCausation) = try await Self.lastMetadata(database)
            #expect(otherCorrelation != nil && otherCorrelation != Self.traceUUID, "an invalid trace is not followed")
            #expect(otherCausation == made.lowercased())
            #expect(try await server.request("GET", "/v1/units/khong-co", token: admin).requestId != nil, "problem answers carry it too")
            #expect(await server.terminate() == 0)

            // One JSON object per line; the access line of the traced request names it.
            let lines = try server.log.contents().split(separator: "\n")
            var access: [String: Any]?
            for line in lines {
                guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                    Issue.record("not a JSON log line: \(line)")
                    continue
                }
                if object["message"] as? String == "request", object["request_id"] as? String == requestId { access = object }
            }
            let line = try #require(access, "an access line for the traced request")
            #expect(line["level"] as? String == "info")
            #expect(line["method"] as? String == "POST")
            #expect(line["route"] as? String == "/v1/units")
            #expect(line["status"] as? String == "201")
            #expect(line["trace_id"] as? String == Self.traceUUID)
            #expect((line["latency_ms"] as? String).flatMap(Double.init) != nil)
            let time = try #require(line["time"] as? String)
            #expect(time.range(of: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$"#, options: .regularExpression) != nil, "\(time)")
        }
    }

    @Test func anUnknownLogFormatStopsServeWithOneLine() async throws {
        try await TestDatabase.with { database in
            let serve = try await LedgerProcess.run(
                ["serve"], environment: LedgerProcess.environment(database.url, extra: ["LOG_FORMAT": "xml"]))
            #expect(serve.status == 1)
            #expect(serve.stderr.contains("LOG_FORMAT must be text or json, not 'xml'"), "\(serve.stderr)")
        }
    }
}
