import Foundation

/// Where the checkpoint signing key comes from: `LEDGER_SIGNING_KEY` (base64 of the raw 32-byte
/// Ed25519 private key) or `LEDGER_SIGNING_KEY_FILE` (a file holding that base64 text).
enum SigningKeySource {
    /// Why the configured key cannot be used.
    struct Invalid: Error, CustomStringConvertible {
        let description: String
    }

    /// The signer the environment configures, or nil when neither variable is set.
    static func signer(environment: [String: String]) throws -> Ed25519CheckpointSigner? {
        let text: String
        let origin: String
        if let inline = environment["LEDGER_SIGNING_KEY"], !inline.isEmpty {
            text = inline
            origin = "LEDGER_SIGNING_KEY"
        } else if let path = environment["LEDGER_SIGNING_KEY_FILE"], !path.isEmpty {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw Invalid(description: "LEDGER_SIGNING_KEY_FILE names '\(path)', which cannot be read")
            }
            text = String(decoding: data, as: UTF8.self)
            origin = "LEDGER_SIGNING_KEY_FILE (\(path))"
        } else {
            return nil
        }
        guard let seed = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)), seed.count == 32 else {
            throw Invalid(description: "\(origin) must hold the base64 of a raw 32-byte Ed25519 private key")
        }
        return try Ed25519CheckpointSigner(seed: Array(seed))
    }
}
