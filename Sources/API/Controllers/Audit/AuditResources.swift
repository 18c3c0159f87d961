import Events
import Hummingbird

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

/// A signed checkpoint as the API shows it (`recordedAt` is null for an empty log).
struct CheckpointResource: Encodable, Sendable {
    var checkpoint: SignedCheckpoint

    init(_ checkpoint: SignedCheckpoint) { self.checkpoint = checkpoint }

    enum CodingKeys: String, CodingKey { case position, hash, recordedAt, signedAt, keyId, algorithm, signature }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(checkpoint.position, forKey: .position)
        try container.encode(checkpoint.hash, forKey: .hash)
        try container.encode(checkpoint.recordedAt, forKey: .recordedAt)
        try container.encode(checkpoint.signedAt, forKey: .signedAt)
        try container.encode(checkpoint.keyId, forKey: .keyId)
        try container.encode("Ed25519", forKey: .algorithm)
        try container.encode(checkpoint.signature, forKey: .signature)
    }
}

/// The public half of the checkpoint signing key.
struct PublicKeyResource: Codable, Sendable {
    var keyId: String
    var algorithm: String
    /// Base64 of the raw 32-byte Ed25519 public key.
    var publicKey: String
}

/// One page of an actor's events.
struct ActorEventsPage: Codable, Sendable, ResponseEncodable {
    var tokenId: String
    var events: [EventResource]
    var nextAfter: Int64
    var head: Int64
    var hasMore: Bool
    var next: String
}
