import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// A body over the upload limit is a 413 problem document on every write, never a 500, and writes nothing.
@Suite struct OversizedBodyTests {
    @Test(arguments: ["/v1/units", "/v1/reports/a.b.2024-10/amendments", "/v1/obligations"])
    func aBodyOverTheLimitIs413(uri: String) async throws {
        try await APIHarness.with { harness, client in
            let admin = try await harness.bearer(.admin)
            let json = #"{"summary":"x","name":"x","body":""# + String(repeating: "é", count: 1_200_000) + #""}"#
            try await client.execute(uri: uri, method: .post, headers: admin, body: ByteBuffer(string: json)) { response in
                #expect(response.status == .contentTooLarge)
                #expect(response.headers[.contentType] == "application/problem+json")
                let problem = try response.json(Problem.self)
                #expect(problem.type == "urn:opinion-ledger:problem:payload-too-large")
            }
            #expect(try await harness.store.headPosition() == 0)
        }
    }
}
