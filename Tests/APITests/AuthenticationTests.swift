import Events
import HTTPTypes
import HummingbirdTesting
import Testing

/// Every /v1 route answers 401 without a valid token, and accepts a valid one.
@Suite struct AuthenticationTests {
    static let v1Routes = ["/v1/events", "/v1/streams/unit-1/events", "/v1/audit/verify"]

    @Test(arguments: v1Routes)
    func missingTokenIs401(path: String) async throws {
        try await APIHarness.with { _, client in
            try await client.execute(uri: path, method: .get) { response in
                #expect(response.status == .unauthorized)
                #expect(response.headers[.contentType] == "application/problem+json")
                #expect(response.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
                let problem = try response.json(Problem.self)
                #expect(problem.type == "urn:opinion-ledger:problem:unauthenticated")
                #expect(problem.status == 401)
            }
        }
    }

    @Test func unknownMalformedAndRevokedTokensAre401() async throws {
        try await APIHarness.with { harness, client in
            for header in ["Bearer olg_not-a-real-token", "Basic dXNlcjpwYXNz", "Bearer"] {
                try await client.execute(uri: "/v1/events", method: .get, headers: [.authorization: header]) { response in
                    #expect(response.status == .unauthorized, "header \(header)")
                }
            }
            let (id, secret) = try await harness.tokens.create(role: .auditor, unitId: nil, name: "revoked")
            try await client.execute(uri: "/v1/events", method: .get, headers: [.authorization: "Bearer \(secret)"]) {
                #expect($0.status == .ok)
            }
            #expect(try await harness.tokens.revoke(id: id))
            try await client.execute(uri: "/v1/events", method: .get, headers: [.authorization: "Bearer \(secret)"]) {
                #expect($0.status == .unauthorized)
            }
        }
    }

    @Test func healthAndOpenAPINeedNoToken() async throws {
        try await APIHarness.with { _, client in
            for path in ["/health/live", "/health/ready", "/openapi.json"] {
                try await client.execute(uri: path, method: .get) { #expect($0.status == .ok, "\(path)") }
            }
        }
    }
}
