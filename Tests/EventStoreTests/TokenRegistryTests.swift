import EventStore
import Events
import Foundation
import LedgerTestSupport
import PostgresNIO
import Testing

/// API tokens in PostgreSQL: random `olg_` secrets, resolution to an actor, revocation, and only a hash at rest.
@Suite("PostgresTokenRegistry")
struct TokenRegistryTests {
    @Test("a created token resolves to its actor; wrong, malformed and revoked tokens do not")
    func lifecycle() async throws {
        try await TestDatabase.with { db in
            let registry = PostgresTokenRegistry(client: db.client, logger: db.logger)
            let (id, secret) = try await registry.create(role: .unitOfficer, unitId: "unit-7", name: "field phone")
            #expect(secret.hasPrefix("olg_"))
            // 32 random bytes in unpadded base64url.
            #expect(secret.utf8.count == 4 + 43)
            #expect(secret.dropFirst(4).allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })

            let actor = try await registry.actor(forBearerToken: secret)
            #expect(actor == ActorRef(tokenId: id.uuidString.lowercased(), role: .unitOfficer, unitId: "unit-7"))

            let last = secret.last == "A" ? "B" : "A"
            #expect(try await registry.actor(forBearerToken: String(secret.dropLast()) + last) == nil)
            #expect(try await registry.actor(forBearerToken: String(secret.dropFirst(4))) == nil)
            #expect(try await registry.actor(forBearerToken: "") == nil)
            #expect(try await registry.actor(forBearerToken: "olg_" + String(repeating: "x", count: 300)) == nil)

            let other = try await registry.create(role: .auditor, unitId: nil, name: "auditor")
            #expect(other.secret != secret)
            #expect(try await registry.actor(forBearerToken: other.secret)?.role == .auditor)

            #expect(try await registry.revoke(id: id))
            #expect(try await registry.actor(forBearerToken: secret) == nil)
            #expect(try await registry.revoke(id: id) == false)
            #expect(try await registry.revoke(id: UUID()) == false)
            // Revoking one token leaves the others working.
            #expect(try await registry.actor(forBearerToken: other.secret)?.tokenId == other.id.uuidString.lowercased())

            let listed = try await registry.list()
            #expect(Set(listed.map(\.id)) == [id, other.id])
            #expect(listed.first { $0.id == id }?.revoked == true)
            #expect(listed.first { $0.id == other.id }?.revoked == false)
        }
    }

    @Test("only a SHA-256 of the secret is stored")
    func onlyHashStored() async throws {
        try await TestDatabase.with { db in
            let registry = PostgresTokenRegistry(client: db.client, logger: db.logger)
            let (id, secret) = try await registry.create(role: .admin, unitId: nil, name: "ops")
            let rows = try await db.client.query("SELECT id, token_hash, row_to_json(t)::text FROM access_tokens t")
            var found: [(UUID, String, String)] = []
            for try await row in rows.decode((UUID, String, String).self) { found.append(row) }
            try #require(found.count == 1)
            let (storedID, tokenHash, wholeRow) = found[0]
            #expect(storedID == id)
            #expect(tokenHash == HashChain.sha256Hex(secret.utf8))
            #expect(!wholeRow.contains(secret))
            #expect(!wholeRow.contains(String(secret.dropFirst(4))))
        }
    }
}
