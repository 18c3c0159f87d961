import Events

/// Other spellings of one canonical export line, for proving that a verifier refuses the whole class:
/// a key given twice at every depth (the forged copy last or first), whitespace at every position,
/// CRLF, members added, removed or reordered, other number spellings and other escapes. Every one
/// differs from the canonical bytes of the line it was made from.
public enum ExportLineMutations {
    /// One changed spelling of a line.
    public struct Mutation: Sendable {
        /// What was changed, for a failing test's message.
        public var name: String
        /// The changed line, without its `\n`.
        public var bytes: [UInt8]
    }

    /// Every mutation of `line` (a canonical export line without its `\n`).
    public static func all(of line: [UInt8]) throws -> [Mutation] {
        guard case .object(let members) = try JSONValue.parse(line) else { return [] }
        let value = JSONValue.object(members)
        var mutations: [Mutation] = []
        mutations += try duplicateKeys(in: value)
        mutations += whitespace(in: line)
        mutations.append(Mutation(name: "CRLF", bytes: line + [0x0D]))
        mutations.append(Mutation(name: "byte order mark", bytes: [0xEF, 0xBB, 0xBF] + line))
        for (name, extra) in [("aaa", JSONValue.integer(1)), ("note", .string("x")), ("zzz", .null)] {
            var more = members
            more[name] = extra
            mutations.append(Mutation(name: "extra member \(name)", bytes: try JSONValue.object(more).canonicalBytes()))
        }
        for name in ["metadata", "hash", "data"] {
            var fewer = members
            fewer[name] = nil
            mutations.append(Mutation(name: "member \(name) removed", bytes: try JSONValue.object(fewer).canonicalBytes()))
        }
        mutations += try reorderings(of: value)
        mutations += respellings(of: line)
        return mutations.filter { $0.bytes != line }
    }

    /// Each object member at every depth repeated once with a forged value, after the members and before them.
    static func duplicateKeys(in value: JSONValue) throws -> [Mutation] {
        var mutations: [Mutation] = []
        for (path, object) in objects(in: value, path: []) {
            for key in object.keys.sorted() {
                let forged = try JSONValue.string(key).canonicalBytes() + Array(":\"forged\"".utf8)
                let original = try JSONValue.string(key).canonicalBytes() + [UInt8(ascii: ":")] + (try object[key]!.canonicalBytes())
                let at = path.isEmpty ? "the top" : path.joined(separator: ".")
                mutations.append(
                    Mutation(
                        name: "'\(key)' at \(at) repeated last",
                        bytes: try render(value, path: [], injecting: forged, at: path, first: false)))
                mutations.append(
                    Mutation(
                        name: "'\(key)' at \(at) repeated first",
                        bytes: try render(value, path: [], injecting: forged, at: path, first: true)))
                mutations.append(
                    Mutation(
                        name: "'\(key)' at \(at) repeated with its own value",
                        bytes: try render(value, path: [], injecting: original, at: path, first: false)))
            }
        }
        return mutations
    }

    /// A space at every offset; a tab, a CR and a newline-free form feed at every seventh.
    static func whitespace(in line: [UInt8]) -> [Mutation] {
        var mutations: [Mutation] = []
        for offset in 0...line.count {
            var spaced = line
            spaced.insert(0x20, at: offset)
            mutations.append(Mutation(name: "space at byte \(offset)", bytes: spaced))
            guard offset % 7 == 0 else { continue }
            for (name, byte) in [("tab", UInt8(0x09)), ("CR", 0x0D)] {
                var changed = line
                changed.insert(byte, at: offset)
                mutations.append(Mutation(name: "\(name) at byte \(offset)", bytes: changed))
            }
        }
        return mutations
    }

    /// The top level's members in reverse order, the first two swapped, and every nested object reversed.
    static func reorderings(of value: JSONValue) throws -> [Mutation] {
        guard case .object(let members) = value else { return [] }
        let keys = members.keys.sorted()
        var swapped = keys
        swapped.swapAt(0, 1)
        var mutations = [
            Mutation(name: "top members reversed", bytes: try render(members, order: keys.reversed())),
            Mutation(name: "first two top members swapped", bytes: try render(members, order: swapped)),
        ]
        var reversedInside: [UInt8] = [UInt8(ascii: "{")]
        for (index, key) in keys.enumerated() {
            if index > 0 { reversedInside.append(UInt8(ascii: ",")) }
            reversedInside += try JSONValue.string(key).canonicalBytes() + [UInt8(ascii: ":")] + (try reversingObjects(members[key]!))
        }
        reversedInside.append(UInt8(ascii: "}"))
        mutations.append(Mutation(name: "nested members reversed", bytes: reversedInside))
        return mutations
    }

    /// Numbers and string characters spelled another way JSON allows (same value, other bytes).
    static func respellings(of line: [UInt8]) -> [Mutation] {
        let text = String(decoding: line, as: UTF8.self)
        var mutations: [Mutation] = []
        if let position = text.firstMatch(of: /"position":(\d+)/) {
            for spelling in ["\(position.1).0", "\(position.1)e0", "\(position.1).0E+0", "\(position.1)0e-1"] {
                mutations.append(
                    Mutation(
                        name: "position spelled \(spelling)",
                        bytes: Array(
                            text.replacing("\"position\":\(position.1),", with: "\"position\":\(spelling),", maxReplacements: 1).utf8)))
            }
        }
        if let version = text.firstMatch(of: /"streamVersion":(\d+)/) {
            mutations.append(
                Mutation(
                    name: "streamVersion spelled as a fraction",
                    bytes: Array(
                        text.replacing("\"streamVersion\":\(version.1)", with: "\"streamVersion\":\(version.1).0", maxReplacements: 1).utf8)
                ))
        }
        let escapes = [
            ("\"type\":\"", "\"\\u0074ype\":\""), ("/", "\\/"), ("\\\"", "\\u0022"), ("Ý", "\\u00dd"), ("Ý", "\\u00DD"),
            ("\"streamId\":\"", "\"streamId\":\"\\u0000"), ("-", "\\u002d"),
        ]
        for (needle, replacement) in escapes where text.contains(needle) {
            mutations.append(
                Mutation(
                    name: "\(needle) spelled \(replacement)",
                    bytes: Array(text.replacing(needle, with: replacement, maxReplacements: 1).utf8)))
        }
        return mutations
    }

    /// Every object in `value` with the member path that leads to it.
    static func objects(in value: JSONValue, path: [String]) -> [([String], [String: JSONValue])] {
        switch value {
        case .object(let members):
            return [(path, members)] + members.keys.sorted().flatMap { objects(in: members[$0]!, path: path + [$0]) }
        case .array(let values):
            return values.enumerated().flatMap { objects(in: $1, path: path + ["\($0)"]) }
        default: return []
        }
    }

    /// The canonical text of `value`, with `member` written into the object at `target` (first or last).
    static func render(_ value: JSONValue, path: [String], injecting member: [UInt8], at target: [String], first: Bool) throws
        -> [UInt8]
    {
        switch value {
        case .object(let members):
            var parts = try members.keys.sorted().map { key in
                try JSONValue.string(key).canonicalBytes() + [UInt8(ascii: ":")]
                    + (try render(members[key]!, path: path + [key], injecting: member, at: target, first: first))
            }
            if path == target { first ? parts.insert(member, at: 0) : parts.append(member) }
            return [UInt8(ascii: "{")] + Array(parts.joined(separator: [UInt8(ascii: ",")])) + [UInt8(ascii: "}")]
        case .array(let values):
            let parts = try values.enumerated().map { try render($1, path: path + ["\($0)"], injecting: member, at: target, first: first) }
            return [UInt8(ascii: "[")] + Array(parts.joined(separator: [UInt8(ascii: ",")])) + [UInt8(ascii: "]")]
        default:
            return try value.canonicalBytes()
        }
    }

    static func render(_ members: [String: JSONValue], order: [String]) throws -> [UInt8] {
        let parts = try order.map { try JSONValue.string($0).canonicalBytes() + [UInt8(ascii: ":")] + (try members[$0]!.canonicalBytes()) }
        return [UInt8(ascii: "{")] + Array(parts.joined(separator: [UInt8(ascii: ",")])) + [UInt8(ascii: "}")]
    }

    static func reversingObjects(_ value: JSONValue) throws -> [UInt8] {
        switch value {
        case .object(let members):
            let parts = try members.keys.sorted().reversed().map {
                try JSONValue.string($0).canonicalBytes() + [UInt8(ascii: ":")] + (try reversingObjects(members[$0]!))
            }
            return [UInt8(ascii: "{")] + Array(parts.joined(separator: [UInt8(ascii: ",")])) + [UInt8(ascii: "}")]
        case .array(let values):
            let parts = try values.map { try reversingObjects($0) }
            return [UInt8(ascii: "[")] + Array(parts.joined(separator: [UInt8(ascii: ",")])) + [UInt8(ascii: "]")]
        default:
            return try value.canonicalBytes()
        }
    }
}
