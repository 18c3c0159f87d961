import Crypto
import Events

/// The hash chain's one formula: `hash = SHA-256(bytes(previousHash) ‖ canonicalBytes)`, hex-encoded.
public enum HashChain {
    /// Links an event's canonical bytes to the previous event's hash.
    public static func hash(previous: String, canonical: [UInt8]) -> String {
        var hasher = SHA256()
        hasher.update(data: hexBytes(previous))
        hasher.update(data: canonical)
        return hex(hasher.finalize())
    }

    /// Hex SHA-256 of arbitrary bytes (fingerprints, token hashes).
    public static func sha256Hex(_ bytes: some Sequence<UInt8>) -> String {
        hex(SHA256.hash(data: Array(bytes)))
    }

    static func hex(_ digest: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func hexBytes(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(32)
        var high: UInt8?
        for c in text.utf8 {
            let nibble: UInt8
            switch c {
            case 48...57: nibble = c - 48
            case 97...102: nibble = c - 87
            case 65...70: nibble = c - 55
            default: continue
            }
            if let h = high {
                out.append(h << 4 | nibble)
                high = nil
            } else {
                high = nibble
            }
        }
        return out
    }
}

extension AppendRequest {
    /// A fingerprint of what the request asks for (stream, expectation, event types and payloads),
    /// ignoring event ids and metadata, which differ between retries of the same request.
    public func contentFingerprint() throws -> String {
        let events: [JSONValue] = self.events.map {
            .object(["type": .string($0.type), "schemaVersion": .integer(Int64($0.schemaVersion)), "data": $0.data])
        }
        let request: JSONValue = .object([
            "stream": .string(stream.rawValue),
            "expectedVersion": .string(expectedVersion.description),
            "events": .array(events),
        ])
        return HashChain.sha256Hex(try request.canonicalBytes())
    }
}
