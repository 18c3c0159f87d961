import BoundedPostgres
import Events
import Foundation
import Logging
import PostgresNIO

/// API tokens in PostgreSQL: creates random bearer tokens, stores only their SHA-256, revokes them,
/// and resolves a presented token to its actor.
public struct PostgresTokenRegistry: AccessTokenVerifier {
    /// A token as listed (never with the secret).
    public struct Token: Sendable, Hashable {
        public var id: UUID
        public var name: String
        public var role: Role
        public var unitId: String?
        public var revoked: Bool
    }

    /// Where the database's client comes from: read at each use, so a client replaced after an
    /// outage (the server's `LedgerDatabase`) is picked up at once.
    let clients: @Sendable () -> PostgresClient
    var client: PostgresClient { clients() }
    let logger: Logger

    /// Creates a registry over a running client.
    public init(client: @autoclosure @escaping @Sendable () -> PostgresClient, logger: Logger) {
        self.clients = client
        self.logger = logger
    }

    /// Creates a token and returns its id and the secret, which is not kept and cannot be shown again.
    public func create(role: Role, unitId: String?, name: String) async throws -> (id: UUID, secret: String) {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let secret =
            "olg_"
            + Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        let id = UUID()
        try await client.query(
            """
            INSERT INTO access_tokens (id, name, role, unit_id, token_hash)
            VALUES (\(id), \(name), \(role.rawValue), \(unitId), \(HashChain.sha256Hex(secret.utf8)))
            """, logger: logger)
        return (id, secret)
    }

    /// Revokes a token; returns false when no active token has that id.
    public func revoke(id: UUID) async throws -> Bool {
        let rows = try await client.query(
            "UPDATE access_tokens SET revoked_at = now() WHERE id = \(id) AND revoked_at IS NULL RETURNING id",
            logger: logger)
        for try await _ in rows { return true }
        return false
    }

    /// Every token, newest first.
    public func list() async throws -> [Token] {
        let rows = try await client.query(
            "SELECT id, name, role, unit_id, revoked_at IS NOT NULL FROM access_tokens ORDER BY created_at DESC",
            logger: logger)
        var tokens: [Token] = []
        for try await (id, name, role, unitId, revoked) in rows.decode((UUID, String, String, String?, Bool).self) {
            tokens.append(Token(id: id, name: name, role: Role(rawValue: role) ?? .auditor, unitId: unitId, revoked: revoked))
        }
        return tokens
    }

    public func actor(forBearerToken token: String) async throws -> ActorRef? {
        guard token.hasPrefix("olg_"), token.utf8.count < 200 else { return nil }
        let logger = logger
        let hash = HashChain.sha256Hex(token.utf8)
        let found = try await client.bounded { connection -> (UUID, String, String?)? in
            let rows = try await connection.query(
                "SELECT id, role, unit_id FROM access_tokens WHERE token_hash = \(hash) AND revoked_at IS NULL", logger: logger)
            for try await row in rows.decode((UUID, String, String?).self) { return row }
            return nil
        }
        guard let (id, role, unitId) = found, let role = Role(rawValue: role) else { return nil }
        return ActorRef(tokenId: id.uuidString.lowercased(), role: role, unitId: unitId)
    }
}
