import Events
import Foundation
import Hummingbird
import Projections

/// Audit routes, for auditors and admins only: walk the hash chain, export the log, signed
/// checkpoints and the key that verifies them, and who did what.
struct AuditController {
    let store: any EventStore
    let models: ReadModels
    let clock: LedgerClock
    let signer: (any CheckpointSigner)?

    func register(in group: RouterGroup<LedgerRequestContext>, routes: RouteTable) {
        group.get("audit/verify", use: verify)
        group.get("audit/export", use: export)
        group.get("audit/checkpoint", use: checkpoint)
        group.get("audit/public-key", use: publicKey)
        group.get("audit/actors/:tokenId/events", use: actorEvents)
        for path in ["verify", "export", "checkpoint", "public-key", "actors/{tokenId}/events"] {
            routes.add("GET", "/v1/audit/\(path)")
        }
    }

    /// `GET /v1/audit/verify`
    @Sendable func verify(_ request: Request, context: LedgerRequestContext) async throws -> ChainVerificationResource {
        try AuditAccess.require(context)
        return ChainVerificationResource(try await store.verifyChain())
    }

    /// `GET /v1/audit/checkpoint`: the head position and hash, signed now with the server's key.
    @Sendable func checkpoint(_ request: Request, context: LedgerRequestContext) async throws -> Response {
        try AuditAccess.require(context)
        let signer = try requireSigner()
        let head = try await store.headPosition()
        var hash = CanonicalEvent.genesisHash
        var recordedAt: String?
        if head > 0, let event = try await store.exportPage(after: head - 1, through: head, limit: 1).first {
            hash = event.hash
            recordedAt = event.recordedAt.rfc3339
        }
        var checkpoint = SignedCheckpoint(
            position: head, hash: hash, recordedAt: recordedAt, signedAt: clock.now().rfc3339, keyId: signer.keyId, signature: "")
        checkpoint.signature = Data(try signer.signature(for: checkpoint.signingBytes)).base64EncodedString()
        return try JSONResponse.make(CheckpointResource(checkpoint), status: .ok)
    }

    /// `GET /v1/audit/public-key`: the key that verifies checkpoint signatures.
    @Sendable func publicKey(_ request: Request, context: LedgerRequestContext) async throws -> Response {
        try AuditAccess.require(context)
        let signer = try requireSigner()
        return try JSONResponse.make(
            PublicKeyResource(keyId: signer.keyId, algorithm: "Ed25519", publicKey: Data(signer.publicKey).base64EncodedString()),
            status: .ok)
    }

    private func requireSigner() throws(APIError) -> any CheckpointSigner {
        guard let signer else {
            throw APIError(
                .unavailable,
                "no checkpoint signing key is configured: set LEDGER_SIGNING_KEY (base64 of a raw 32-byte Ed25519 private key) or LEDGER_SIGNING_KEY_FILE"
            )
        }
        return signer
    }
}

/// Who may use the audit routes: auditors and admins, the roles that read every event whole
/// (`EventDisclosure.seesEverything`), so an export always verifies.
enum AuditAccess {
    /// The actor; throws 401 without a token and 403 for any role other than auditor or admin.
    @discardableResult
    static func require(_ context: LedgerRequestContext) throws(APIError) -> ActorRef {
        let actor = try context.requireActor()
        guard EventDisclosure.seesEverything(actor.role) else {
            throw APIError(.forbidden, "only auditor and admin tokens may use /v1/audit routes")
        }
        return actor
    }
}
