import Foundation

/// One line of an audit export (NDJSON): the event's envelope, payload and both hashes, written as
/// canonical JSON (sorted keys, no whitespace) and ended by `\n`. See `docs/auditing.md`.
public enum ExportLine {
    /// The members every line has, in the order `docs/auditing.md` lists them.
    public static let members = [
        "position", "streamId", "streamVersion", "type", "schemaVersion", "eventId", "data", "metadata",
        "recordedAt", "previousHash", "hash",
    ]

    /// The nine members the hash covers (`docs/hash-chain.md`).
    public static let hashedMembers = CanonicalEvent.hashedMembers

    /// The line for a recorded event, `\n` included: the hashed members and both hashes.
    public static func bytes(of event: RecordedEvent) throws -> [UInt8] {
        var members = try CanonicalEvent.members(of: event)
        members["previousHash"] = .string(event.previousHash)
        members["hash"] = .string(event.hash)
        var line = try JSONValue.object(members).canonicalBytes()
        line.append(UInt8(ascii: "\n"))
        return line
    }
}

/// A line of an export read back: the members the verifier needs, checked for their JSON types.
public struct ParsedExportLine: Sendable, Hashable {
    /// The event's global position.
    public var position: Int64
    /// The hash the line says precedes it.
    public var previousHash: String
    /// The hash the line claims for itself.
    public var hash: String
    /// The canonical bytes of the nine hashed members, as the line holds them.
    public var canonical: [UInt8]

    /// Why a line is not a well-formed export line.
    public struct Malformed: Error, Sendable, Hashable, CustomStringConvertible {
        /// What is wrong with the line.
        public var description: String
    }

    /// Parses one line (without its `\n`); throws `Malformed` naming the first problem. A line is
    /// accepted only when its bytes are exactly the canonical serialisation of its eleven members.
    public init(_ line: some Collection<UInt8>) throws(Malformed) {
        guard let value = try? JSONValue.parse(line), case .object(let members) = value else {
            throw Malformed(description: "the line is not a JSON object")
        }
        for name in ExportLine.members where members[name] == nil {
            throw Malformed(description: "the line has no '\(name)'")
        }
        if let extra = members.keys.filter({ !ExportLine.members.contains($0) }).min() {
            throw Malformed(description: "the line has a member '\(extra)' that export lines do not have")
        }
        guard case .integer(let position) = members["position"]!, position >= 1 else {
            throw Malformed(description: "'position' is not a positive integer")
        }
        for name in ["streamId", "type", "eventId", "recordedAt"] {
            guard case .string = members[name]! else { throw Malformed(description: "'\(name)' is not a string") }
        }
        for name in ["streamVersion", "schemaVersion"] {
            guard case .integer = members[name]! else { throw Malformed(description: "'\(name)' is not an integer") }
        }
        guard case .object = members["metadata"]! else { throw Malformed(description: "'metadata' is not an object") }
        guard case .string(let previous) = members["previousHash"]!, Self.isHash(previous) else {
            throw Malformed(description: "'previousHash' is not 64 lowercase hex digits")
        }
        guard case .string(let hash) = members["hash"]!, Self.isHash(hash) else {
            throw Malformed(description: "'hash' is not 64 lowercase hex digits")
        }
        var hashed: [String: JSONValue] = [:]
        for name in ExportLine.hashedMembers { hashed[name] = members[name] }
        let whole: [UInt8]
        do {
            self.canonical = try JSONValue.object(hashed).canonicalBytes()
            whole = try value.canonicalBytes()
        } catch {
            throw Malformed(description: "the event has no canonical form: \(error)")
        }
        // Only the canonical text is accepted: a parser keeps one of two duplicate keys (and readers
        // disagree on which), so any other spelling could show an auditor content the hash never covered.
        if let problem = Self.differenceFromCanonical(line, canonical: whole) {
            throw Malformed(description: problem)
        }
        self.position = position
        self.previousHash = previous
        self.hash = hash
    }

    /// Why `line` is not byte for byte `canonical` (the canonical serialisation of its own members), or
    /// nil when it is.
    static func differenceFromCanonical(_ line: some Collection<UInt8>, canonical: [UInt8]) -> String? {
        if line.elementsEqual(canonical) { return nil }
        let line = Array(line)
        if line.last == 0x0D {
            return "the line ends with a carriage return (CRLF): export lines end with LF alone"
        }
        var offset = 0
        while offset < line.count, offset < canonical.count, line[offset] == canonical[offset] { offset += 1 }
        let found = offset == line.count ? "the end of the line" : Self.describe(line[offset])
        let expected = offset == canonical.count ? "the end of the line" : Self.describe(canonical[offset])
        return
            "the line is not the canonical serialisation of its members (docs/hash-chain.md): at byte \(offset + 1) it has \(found) where the canonical form has \(expected); duplicate keys, whitespace, other member orders, escapes or number spellings are refused"
    }

    private static func describe(_ byte: UInt8) -> String {
        (0x21...0x7E).contains(byte) ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x\(String(byte, radix: 16, uppercase: true))"
    }

    /// Whether `text` is a SHA-256 in lowercase hex.
    public static func isHash(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }
}
