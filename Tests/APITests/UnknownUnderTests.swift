import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// `under=` naming no unit is refused on every read that takes it (404 naming `under`), not answered
/// as an empty subtree; a known unit is answered.
@Suite struct UnknownUnderTests {
    typealias O = ObligationsAPITests

    @Test(arguments: [
        "/v1/units?under=", "/v1/incidents?under=", "/v1/incidents/summary?under=", "/v1/compliance/summary?period=2024-10&under=",
        "/v1/compliance?obligation=bc-du-luan&period=2024-10&under=",
    ])
    func anUnknownUnderIsNotFound(_ route: String) async throws {
        try await APIHarness.with { harness, client in
            let admin = try await harness.bearer(.admin)
            try await O.province(client, admin)
            _ = try await O.define(client, admin)
            try await client.execute(uri: route + "khong-co", method: .get, headers: admin) { response in
                #expect(response.status == .notFound, "\(String(buffer: response.body))")
                #expect(ObligationDataWindowAPITests.field(String(buffer: response.body)) == "under")
            }
            try await client.execute(uri: route + "huyen-cd", method: .get, headers: admin) { response in
                #expect(response.status == .ok, "\(String(buffer: response.body))")
            }
        }
    }
}
