/// The log's head, signed by the server's Ed25519 key, so that an auditor who keeps it can later prove
/// the log still passes through it (not truncated, not rewritten). See `docs/auditing.md`.
public struct SignedCheckpoint: Sendable, Hashable, Codable {
    /// The head position (0 for an empty log).
    public var position: Int64
    /// The hash at that position (64 zeros for an empty log).
    public var hash: String
    /// When the event at that position was recorded; nil for an empty log.
    public var recordedAt: String?
    /// When the server signed the checkpoint.
    public var signedAt: String
    /// Which key signed it (see `GET /v1/audit/public-key`).
    public var keyId: String
    /// Base64 Ed25519 signature over `signingBytes`.
    public var signature: String

    /// Creates a signed checkpoint.
    public init(position: Int64, hash: String, recordedAt: String?, signedAt: String, keyId: String, signature: String) {
        self.position = position
        self.hash = hash
        self.recordedAt = recordedAt
        self.signedAt = signedAt
        self.keyId = keyId
        self.signature = signature
    }

    /// The value of the `context` member that binds a signature to this purpose.
    public static let context = "opinion-ledger checkpoint v1"

    /// The bytes this checkpoint's signature covers: the canonical JSON (as in `docs/hash-chain.md`) of
    /// `{"context", "hash", "keyId", "position", "recordedAt", "signedAt"}`.
    public var signingBytes: [UInt8] {
        let object: JSONValue = .object([
            "context": .string(Self.context),
            "hash": .string(hash),
            "keyId": .string(keyId),
            "position": .integer(position),
            "recordedAt": recordedAt.map(JSONValue.string) ?? .null,
            "signedAt": .string(signedAt),
        ])
        // Strings, integers and null always have a canonical form.
        return (try? object.canonicalBytes()) ?? []
    }

    /// The position and hash, for checking an export against.
    public var head: ChainHead { ChainHead(position: position, hash: hash) }
}

/// Signs checkpoints with the server's key; the key itself never leaves the implementation.
public protocol CheckpointSigner: Sendable {
    /// A short, stable name of the key (derived from the public key).
    var keyId: String { get }
    /// The raw 32-byte Ed25519 public key.
    var publicKey: [UInt8] { get }
    /// The Ed25519 signature of `bytes`.
    func signature(for bytes: [UInt8]) throws -> [UInt8]
}
