import Crypto
import Events
import Foundation

/// Checks a signed checkpoint against a public key, offline (for `opinion-ledger verify`).
enum CheckpointSignatureCheck {
    /// Why a checkpoint's signature was not accepted.
    struct Refused: Error, CustomStringConvertible {
        let description: String
    }

    /// Throws unless `checkpoint` carries a valid Ed25519 signature by `publicKeyBase64`'s key.
    static func verify(_ checkpoint: SignedCheckpoint, publicKeyBase64: String) throws {
        guard let raw = Data(base64Encoded: publicKeyBase64.trimmingCharacters(in: .whitespacesAndNewlines)), raw.count == 32,
            let key = try? Curve25519.Signing.PublicKey(rawRepresentation: raw)
        else {
            throw Refused(description: "the public key must be the base64 of a raw 32-byte Ed25519 public key")
        }
        let keyId = Ed25519CheckpointSigner.keyId(of: Array(raw))
        guard keyId == checkpoint.keyId else {
            throw Refused(description: "the checkpoint was signed by key \(checkpoint.keyId), not by this public key (\(keyId))")
        }
        guard let signature = Data(base64Encoded: checkpoint.signature),
            key.isValidSignature(signature, for: Data(checkpoint.signingBytes))
        else {
            throw Refused(description: "the checkpoint's signature is not valid for its content and this public key")
        }
    }
}
