import Events
import Hummingbird

/// Audit routes: walk the hash chain and report whether the log is intact.
struct AuditController {
    let store: any EventStore

    func register(in group: RouterGroup<LedgerRequestContext>, routes: RouteTable) {
        group.get("audit/verify", use: verify)
        routes.add("GET", "/v1/audit/verify")
    }

    /// `GET /v1/audit/verify`
    @Sendable func verify(_ request: Request, context: LedgerRequestContext) async throws -> ChainVerificationResource {
        _ = try context.requireActor()
        return ChainVerificationResource(try await store.verifyChain())
    }
}

/// The verification result as the API shows it.
struct ChainVerificationResource: Codable, Sendable, ResponseEncodable {
    struct Head: Codable, Sendable {
        var position: Int64
        var hash: String
    }
    struct Break: Codable, Sendable {
        var position: Int64
        var reason: String
        var expectedHash: String?
        var storedHash: String?
    }
    var valid: Bool
    var checked: Int64
    var head: Head?
    /// The first position that does not match, when not valid.
    var position: Int64?
    var firstBreak: Break?

    init(_ verification: ChainVerification) {
        self.valid = verification.valid
        self.checked = verification.checked
        self.head = verification.head.map { Head(position: $0.position, hash: $0.hash) }
        self.position = verification.firstBreak?.position
        self.firstBreak = verification.firstBreak.map {
            Break(position: $0.position, reason: $0.reason, expectedHash: $0.expectedHash, storedHash: $0.storedHash)
        }
    }
}
