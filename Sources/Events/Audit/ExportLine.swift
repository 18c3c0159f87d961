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

    /// Parses one line (without its `\n`); throws `Malformed` naming the first problem.
    public init(_ line: some Collection<UInt8>) throws(Malformed) {
        guard let value = try? JSONValue.parse(line), case .object(let members) = value else {
            throw Malformed(description: "the line is not a JSON object")
        }
        for name in ExportLine.members where members[name] == nil {
            throw Malformed(description: "the line has no '\(name)'")
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
        do {
            self.canonical = try JSONValue.object(hashed).canonicalBytes()
        } catch {
            throw Malformed(description: "the event has no canonical form: \(error)")
        }
        self.position = position
        self.previousHash = previous
        self.hash = hash
    }

    /// Whether `text` is a SHA-256 in lowercase hex.
    public static func isHash(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }
}
