import Crypto
import EventStore
import Events
import Foundation

/// Signs checkpoints with an Ed25519 private key held in memory; `keyId` is the first 16 hex digits of
/// the SHA-256 of the raw public key, so anyone holding the public key can recompute it.
struct Ed25519CheckpointSigner: CheckpointSigner {
    /// The raw private key; `Curve25519.Signing.PrivateKey` is not `Sendable`, so it is rebuilt per signature.
    private let seed: [UInt8]
    let keyId: String
    let publicKey: [UInt8]

    /// A signer for a raw 32-byte Ed25519 private key (seed).
    init(seed: [UInt8]) throws {
        let key = try Curve25519.Signing.PrivateKey(rawRepresentation: seed)
        self.seed = seed
        publicKey = Array(key.publicKey.rawRepresentation)
        keyId = Self.keyId(of: publicKey)
    }

    func signature(for bytes: [UInt8]) throws -> [UInt8] {
        Array(try Curve25519.Signing.PrivateKey(rawRepresentation: seed).signature(for: bytes))
    }

    /// The key id of a raw public key.
    static func keyId(of publicKey: [UInt8]) -> String {
        String(HashChain.sha256Hex(publicKey).prefix(16))
    }
}
