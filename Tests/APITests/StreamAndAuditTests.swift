import Events
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// A stream's events over HTTP, and the hash-chain verification route before and after tampering.
@Suite struct StreamAndAuditTests {
    struct StreamPage: Decodable {
        struct Event: Decodable { var streamVersion: Int64 }
        var streamId: String
        var events: [Event]
        var nextFromVersion: Int64?
    }
    struct Verification: Decodable {
        struct Head: Decodable {
            var position: Int64
            var hash: String
        }
        var valid: Bool
        var checked: Int64
        var head: Head?
        var position: Int64?
    }

    @Test func streamEventsPageByVersion() async throws {
        try await APIHarness.with { harness, client in
            try await harness.appendEvents(5, to: "incident-7")
            try await harness.appendEvents(2, to: "incident-8")
            let auth = try await harness.bearer()
            let first = try await client.execute(uri: "/v1/streams/incident-7/events?limit=3", method: .get, headers: auth) {
                #expect($0.status == .ok)
                return try $0.json(StreamPage.self)
            }
            #expect(first.events.map(\.streamVersion) == [1, 2, 3])
            #expect(first.nextFromVersion == 4)
            let rest = try await client.execute(uri: "/v1/streams/incident-7/events?fromVersion=4", method: .get, headers: auth) {
                try $0.json(StreamPage.self)
            }
            #expect(rest.events.map(\.streamVersion) == [4, 5])
            #expect(rest.nextFromVersion == nil)
            try await client.execute(uri: "/v1/streams/incident-9/events", method: .get, headers: auth) {
                #expect($0.status == .notFound)
            }
            try await client.execute(uri: "/v1/streams/-bad/events", method: .get, headers: auth) { response in
                #expect(response.status == .badRequest)
                let problem = try response.json(Problem.self)
                #expect(problem.field == "streamId")
            }
        }
    }

    @Test func verifyReportsTheFirstTamperedPosition() async throws {
        try await APIHarness.with { harness, client in
            try await harness.appendEvents(6, to: "unit-a")
            let auth = try await harness.bearer()
            let before = try await client.execute(uri: "/v1/audit/verify", method: .get, headers: auth) {
                try $0.json(Verification.self)
            }
            #expect(before.valid)
            #expect(before.checked == 6)
            #expect(before.head?.position == 6)
            try await harness.database.asSuperuser(
                "SET session_replication_role = replica; UPDATE events SET data = '{\"n\": 41}' WHERE position = 4")
            let after = try await client.execute(uri: "/v1/audit/verify", method: .get, headers: auth) {
                try $0.json(Verification.self)
            }
            #expect(!after.valid)
            #expect(after.position == 4)
            #expect(after.checked == 3)
        }
    }
}
