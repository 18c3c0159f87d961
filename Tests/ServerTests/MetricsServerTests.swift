import EventStore
import Foundation
import LedgerTestSupport
import Testing

/// `GET /metrics` on the real server (issue 14, item 3): the Prometheus text format, with requests
/// counted by route and status and timed in histograms, appends and their group-commit batches, the
/// projections' lag, and the live-stream clients — each figure moving with what the server did.
@Suite struct MetricsServerTests {
    /// The value of the sample line that starts with `prefix` (name and labels), if there is one.
    static func sample(_ text: String, _ prefix: String) -> Double? {
        for line in text.split(separator: "\n") where line.hasPrefix(prefix) {
            if let value = line.split(separator: " ").last.flatMap({ Double($0) }) { return value }
        }
        return nil
    }

    @Test func metricsCountRequestsAppendsProjectionLagAndStreams() async throws {
        try await TestDatabase.with { database in
            let environment = LedgerProcess.environment(database.url)
            let admin = try await LedgerProcess.run(["tokens", "create", "--role", "admin", "--name", "metrics"], environment: environment)
                .stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            let server = try RunningServer(environment: environment)
            try await server.waitUntilReady()
            let units = [
                #"{"id":"tinh","name":"UBND tỉnh","kind":"province","effectiveFrom":"2024-01-01"}"#,
                #"{"id":"huyen-a","name":"UBND huyện A","kind":"districtCommittee","parentId":"tinh","effectiveFrom":"2024-01-01"}"#,
            ]
            for json in units {
                let answer = try await server.request("POST", "/v1/units", token: admin, body: json)
                #expect(answer.status == 201, "\(answer.body)")
            }
            for _ in 0..<3 { #expect(try await server.request("GET", "/v1/units", token: admin).status == 200) }
            #expect(try await server.request("GET", "/v1/units/khong-co", token: admin).status == 404)
            let (stream, streamStatus) = try await EventStreamSlotsServerTests.open(server, token: admin)
            #expect(streamStatus == 200)

            let scrape = try await server.request("GET", "/metrics")
            #expect(scrape.status == 200)
            #expect(scrape.contentType?.hasPrefix("text/plain; version=0.0.4") == true, "\(scrape.contentType ?? "none")")
            let text = scrape.body
            // Requests by route, method and status, with a latency histogram.
            #expect(
                Self.sample(text, #"hb_requests{http_route="/v1/units",http_request_method="GET",http_response_status_code="200"}"#) == 3,
                "\(text.prefix(3000))")
            #expect(
                Self.sample(
                    text, #"hb_requests{http_route="/v1/units/{unitId}",http_request_method="GET",http_response_status_code="404"}"#)
                    == 1, "problem answers are counted with their status")
            #expect(text.contains(#"http_server_request_duration_bucket{http_route="/v1/units""#), "a latency histogram")
            #expect(text.contains("# TYPE http_server_request_duration histogram"))
            // Appends: two registrations committed, their events, batches and the commit time.
            #expect(Self.sample(text, #"ledger_appends_total{outcome="committed"}"#) == 2, "\(text)")
            #expect((Self.sample(text, "ledger_appended_events_total") ?? 0) >= 2)
            #expect(text.contains("ledger_append_commit_duration_seconds_bucket"))
            #expect(text.contains("ledger_append_batch_size"))
            // Projections: lag per projection (all caught up here), and the live stream open now.
            #expect(Self.sample(text, #"ledger_projection_lag_events{projection="unit-tree"}"#) == 0)
            #expect(Self.sample(text, #"ledger_projection_lag_events{projection="open-incidents"}"#) != nil)
            #expect(text.contains(#"ledger_projection_lag_seconds{projection="reporting-duties"}"#))
            #expect(Self.sample(text, "ledger_event_stream_clients") == 1)
            stream.disconnect()
            #expect(await server.terminate() == 0)
        }
    }
}
