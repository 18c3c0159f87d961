import Events
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import PostgresNIO
import Projections
import Testing

/// What a client may send, checked the same way on every route (issue 10, items 3 and 12): numbers
/// are never rounded, instants are ones RFC 3339 writes back, bodies are JSON with no unknown
/// members, query strings carry only the route's parameters; each refusal is a problem naming the
/// field, and nothing is written.
@Suite struct ContractInputAPITests {
    typealias A = IncidentAPI

    /// Posts `json` and answers the status with the problem's field and detail (nil fields on success).
    static func send(
        _ client: some TestClientProtocol, _ uri: String, _ headers: HTTPFields, _ json: String, method: HTTPRequest.Method = .post
    ) async throws -> (HTTPResponse.Status, field: String?, detail: String, contentType: String?) {
        try await client.execute(uri: uri, method: method, headers: headers, body: A.body(json)) { response in
            let problem = try? response.json(A.StateProblem.self)
            return (response.status, problem?.field, problem?.detail ?? String(buffer: response.body), response.headers[.contentType])
        }
    }

    static func incident(reach: String) -> String {
        A.item(url: nil).replacingOccurrences(of: #""reach":1500"#, with: #""reach":\#(reach)"#)
    }

    static let obligation = #"""
        {"id":"bc-thang","title":"Báo cáo tháng","reporters":{"unitIds":["huyen-a"]},"recipientUnitId":"tinh",
         "schedule":{"kind":"monthly","dueDay":DUE},"effectiveFrom":"2026-07"}
        """#

    static let rule = #"""
        {"id":"petition-measures","clock":"petitionMeasures","effectiveFrom":"2017-01-01",
         "allowance":{"amount":AMOUNT,"unit":"days"},"legalBasis":"Luật Báo chí 2016, Điều 39"}
        """#

    @Test func numbersBeyondTwoToTheFiftyThirdOrNotWholeAreRefusedNamingTheField() async throws {
        try await APIHarness.with(now: { A.now }) { harness, client in
            try await A.province(harness, client)
            let admin = try await harness.bearer(.admin)
            let monitor = try await harness.bearer(.monitor)
            let head = try await harness.store.headPosition()
            let cases: [(String, String, String, String)] = [
                ("/v1/incidents", Self.incident(reach: "9007199254740993"), "reach", "out of range"),
                ("/v1/incidents", Self.incident(reach: "-9007199254740992"), "reach", "out of range"),
                ("/v1/incidents", Self.incident(reach: "0.1"), "reach", "fractional part"),
                ("/v1/incidents", Self.incident(reach: "23.5"), "reach", "fractional part"),
                ("/v1/incidents", Self.incident(reach: "1e-400"), "reach", "stored as 0)"),
                ("/v1/incidents", Self.incident(reach: "100.000000000000001"), "reach", "stored as 100)"),
                ("/v1/obligations", Self.obligation.replacingOccurrences(of: "DUE", with: "23.5"), "schedule.dueDay", "fractional part"),
                ("/v1/obligations", Self.obligation.replacingOccurrences(of: "DUE", with: "1e20"), "schedule.dueDay", "out of range"),
                (
                    "/v1/rules", Self.rule.replacingOccurrences(of: "AMOUNT", with: "30.000000000000001"), "allowance.amount",
                    "stored as 30)"
                ),
                ("/v1/rules", Self.rule.replacingOccurrences(of: "AMOUNT", with: "0.5"), "allowance.amount", "fractional part"),
            ]
            for (uri, json, field, words) in cases {
                let (status, problemField, detail, _) = try await Self.send(client, uri, uri == "/v1/incidents" ? monitor : admin, json)
                #expect(status == .badRequest, "\(uri) \(field): \(detail)")
                #expect(problemField == field, "\(uri): \(detail)")
                #expect(detail.contains(words), "\(detail)")
            }
            #expect(try await harness.store.headPosition() == head, "nothing was written")
            // Whole numbers however spelt, within the range, are taken (and stored as integers).
            let logged = try #require(
                try await A.post(client, "/v1/incidents", monitor, Self.incident(reach: "9007199254740991"), expect: .created))
            let data = try #require(
                try await harness.store.readStream(StreamID("incident-\(logged.id)")!, fromVersion: 1, limit: 1).first?.data)
            #expect(data["reach"] == .integer(9_007_199_254_740_991))
            _ = try await A.post(
                client, "/v1/incidents/\(logged.id)/sightings", monitor,
                #"{"source":"press","outlet":"Báo X","publishedAt":"2026-07-02T08:00:00+07:00","reach":1.5e3}"#, expect: .ok)
            let (status, field, detail, _) = try await Self.send(
                client, "/v1/incidents/\(logged.id)/sightings", monitor,
                #"{"source":"press","outlet":"Báo X","publishedAt":"2026-07-02T08:00:00+07:00","reach":1500.5}"#)
            #expect(status == .badRequest && field == "reach", "\(detail)")
        }
    }

    @Test func instantsOutsideYearsOneToNineThousandNineHundredNinetyNineAndLeapSecondsAreRefused() async throws {
        try await APIHarness.with(now: { A.now }) { harness, client in
            try await A.province(harness, client)
            let monitor = try await harness.bearer(.monitor)
            let head = try await harness.store.headPosition()
            let item = A.item(url: nil)
            for (json, field) in [
                (item.replacingOccurrences(of: "2026-07-02T07:30:00+07:00", with: "0000-01-01T00:00:00+01:00"), "publishedAt"),
                (item.replacingOccurrences(of: "2026-07-02T07:30:00+07:00", with: "0001-01-01T00:30:00+01:00"), "publishedAt"),
                (item.replacingOccurrences(of: "2026-07-02T07:30:00+07:00", with: "2016-12-31T23:59:60Z"), "publishedAt"),
                (
                    A.item(url: nil, extra: #","pressRequest":{"kind":"answerRequest","receivedAt":"9999-12-31T23:00:00-05:00"}"#),
                    "pressRequest.receivedAt"
                ),
            ] {
                let (status, problemField, detail, _) = try await Self.send(client, "/v1/incidents", monitor, json)
                #expect(status == .badRequest && problemField == field, "\(detail)")
            }
            #expect(try await harness.store.headPosition() == head)
            for query in ["asOf=0000-12-31T23:00:00-01:00", "asOf=9999-12-31T23:59:59-00:01", "asOf=2016-12-31T23:59:60Z"] {
                try await client.execute(uri: "/v1/incidents?\(query)", method: .get, headers: monitor) { response in
                    #expect(response.status == .badRequest)
                    let problem = try response.json(Problem.self)
                    #expect(problem.field == "asOf", "\(problem.detail)")
                }
            }
            // The edges themselves are instants, echoed in RFC 3339.
            let edge = item.replacingOccurrences(of: "2026-07-02T07:30:00+07:00", with: "0001-01-01T07:00:00+07:00")
            let logged = try #require(try await A.post(client, "/v1/incidents", monitor, edge, expect: .created))
            try await client.execute(uri: "/v1/incidents/\(logged.id)", method: .get, headers: monitor) { response in
                #expect(String(buffer: response.body).contains(#""publishedAt":"0001-01-01T00:00:00.000000Z""#))
            }
        }
    }

    @Test func aBodyDeclaredAsAnythingButJSONIs415() async throws {
        try await APIHarness.with(now: { A.now }) { harness, client in
            let admin = try await harness.bearer(.admin)
            let unit = #"{"id":"tinh","name":"UBND tỉnh","kind":"province","effectiveFrom":"2024-01-01"}"#
            for (uri, method, type) in [
                ("/v1/units", HTTPRequest.Method.post, "text/plain"), ("/v1/units", .post, "application/x-www-form-urlencoded"),
                ("/v1/units/tinh", .patch, "text/plain; charset=utf-8"), ("/v1/reports", .post, "application/xml"),
                ("/v1/incidents", .post, "multipart/form-data; boundary=x"), ("/v1/rules", .post, "application/json; charset=latin1"),
            ] {
                var headers = admin
                headers[.contentType] = type
                headers[.ifMatch] = "\"1\""
                try await client.execute(uri: uri, method: method, headers: headers, body: A.body(unit)) { response in
                    #expect(response.status == .unsupportedMediaType, "\(uri) \(type)")
                    #expect(response.headers[.contentType] == "application/problem+json")
                    let problem = try response.json(Problem.self)
                    #expect(problem.type == "urn:opinion-ledger:problem:unsupported-media-type")
                    #expect(problem.field == "Content-Type")
                }
            }
            #expect(try await harness.store.headPosition() == 0)
            // JSON, declared or not (a body without Content-Type is read as JSON), is taken.
            for (index, type) in ["application/json", "Application/JSON; charset=UTF-8", nil].enumerated() {
                var headers = admin
                headers[.contentType] = type
                let json = unit.replacingOccurrences(of: #""tinh""#, with: #""tinh-\#(index)""#)
                try await client.execute(uri: "/v1/units", method: .post, headers: headers, body: A.body(json)) { response in
                    #expect(response.status == .created, "\(type ?? "none"): \(String(buffer: response.body))")
                }
            }
        }
    }

    @Test func unknownQueryParametersAreRefusedOnEveryRoute() async throws {
        try await APIHarness.with(now: { A.now }) { harness, client in
            try await A.province(harness, client)
            let admin = try await harness.bearer(.admin)
            for (uri, field) in [
                ("/v1/incidents?severty=high", "severty"), ("/v1/incidents?severity=high&limt=5", "limt"),
                ("/v1/incidents/summary?undr=tinh", "undr"), ("/v1/units?parnt=tinh", "parnt"),
                ("/v1/units/tinh?as_of=2026-01-01", "as_of"),
                ("/v1/events?strem=unit-tinh", "strem"), ("/v1/compliance?periode=2026-07", "periode"),
                ("/v1/reports?unitId=tinh", "unitId"),
                ("/v1/audit/verify?deep=true", "deep"), ("/v1/rules?clok=pressAnswer", "clok"), ("/health/live?verbose=1", "verbose"),
                ("/v1/streams/unit-tinh/events?fromversion=2", "fromversion"), ("/v1/obligations?recipient=tinh&activ=true", "activ"),
            ] {
                try await client.execute(uri: uri, method: .get, headers: admin) { response in
                    #expect(response.status == .badRequest, "\(uri)")
                    let problem = try response.json(Problem.self)
                    #expect(problem.type == "urn:opinion-ledger:problem:invalid-parameter")
                    #expect(problem.field == field, "\(uri)")
                    #expect(problem.detail.contains("unknown query parameter '\(field)'"), "\(problem.detail)")
                }
            }
            // On writes too, before anything is read or written.
            let head = try await harness.store.headPosition()
            let (status, field, _, _) = try await Self.send(
                client, "/v1/units?dryRun=true", admin, #"{"id":"x","name":"X","kind":"province","effectiveFrom":"2024-01-01"}"#)
            #expect(status == .badRequest && field == "dryRun")
            #expect(try await harness.store.headPosition() == head)
            // The documented parameters are taken, and filter.
            for uri in [
                "/v1/incidents?severity=high&limit=5", "/v1/units?parent=tinh", "/v1/events?stream=unit-tinh&limit=2", "/health/live",
            ] {
                try await client.execute(uri: uri, method: .get, headers: admin) { response in
                    #expect(response.status == .ok, "\(uri): \(String(buffer: response.body))")
                }
            }
        }
    }

    @Test func unknownBodyMembersAreRefusedNamingTheMember() async throws {
        try await APIHarness.with(now: { A.now }) { harness, client in
            try await A.province(harness, client)
            let admin = try await harness.bearer(.admin)
            let monitor = try await harness.bearer(.monitor)
            let head = try await harness.store.headPosition()
            for (uri, json, field) in [
                ("/v1/units", #"{"id":"x","name":"X","kind":"province","colour":"red"}"#, "colour"),
                ("/v1/incidents", A.item(url: nil, extra: #","severty":"low""#), "severty"),
                (
                    "/v1/incidents",
                    A.item(
                        url: nil, extra: #","pressRequest":{"kind":"answerRequest","receivedAt":"2026-07-02T08:00:00+07:00","from":"x"}"#),
                    "pressRequest.from"
                ),
                (
                    "/v1/obligations", Self.obligation.replacingOccurrences(of: "DUE", with: #"23,"dueWeekday":"monday""#),
                    "schedule.dueWeekday"
                ),
                ("/v1/rules", Self.rule.replacingOccurrences(of: "AMOUNT", with: #"30,"per":"case""#), "allowance.per"),
                ("/v1/reports/bc-thang.huyen-a.2026-07/accept", #"{"note":"ok"}"#, "note"),
                ("/v1/incidents/khong-co/close", #"{"reason":"x"}"#, "reason"),
            ] {
                var headers = uri.hasPrefix("/v1/incidents") ? monitor : admin
                headers[.ifMatch] = "\"1\""
                let (status, problemField, detail, _) = try await Self.send(client, uri, headers, json)
                #expect(status == .badRequest, "\(uri): \(detail)")
                #expect(problemField == field, "\(uri): \(detail)")
                #expect(detail.contains("unknown member"), "\(detail)")
            }
            #expect(try await harness.store.headPosition() == head)
            // A key given twice is refused too (readers disagree on which copy they keep).
            let (status, field, _, _) = try await Self.send(
                client, "/v1/units", admin, #"{"id":"x","name":"X","kind":"province","name":"Y"}"#)
            #expect(status == .badRequest && field == "name")
        }
    }

    @Test func aQueryIsReadAsUTF8() async throws {
        try await APIHarness.with(now: { A.now }) { harness, client in
            try await A.province(harness, client)
            let monitor = try await harness.bearer(.monitor)
            _ = try await A.post(client, "/v1/incidents", monitor, A.item(url: nil, title: "Ngập đường Lê Lợi"), expect: .created)
            _ = try await A.post(client, "/v1/incidents", monitor, A.item(url: nil, title: "Ngập phố Hàng Bông"), expect: .created)
            for uri in ["/v1/incidents?q=Lợi", "/v1/incidents?q=L%E1%BB%A3i"] {
                try await client.execute(uri: uri, method: .get, headers: monitor) { response in
                    #expect(response.status == .ok, "\(uri): \(String(buffer: response.body))")
                    let text = String(buffer: response.body)
                    #expect(text.contains("Ngập đường Lê Lợi") && !text.contains("Hàng Bông"), "\(uri): \(text)")
                }
            }
        }
    }
}
