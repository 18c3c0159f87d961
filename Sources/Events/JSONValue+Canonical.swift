/// Why a value has no canonical form.
public enum CanonicalFormError: Error, Sendable, Hashable {
    /// A number that has no single agreed spelling (NaN, infinities, integral doubles at or above 2^53).
    case unrepresentableNumber(String)
    /// A string holding U+0000, which PostgreSQL cannot store.
    case nulCharacter
}

extension JSONValue {
    /// The canonical bytes of this value, as defined in `docs/hash-chain.md`: UTF-8, no whitespace,
    /// object keys sorted by Unicode code point, only `"`, `\` and control characters escaped.
    /// It equals Python's `json.dumps(v, sort_keys=True, separators=(",", ":"), ensure_ascii=False)`.
    public func canonicalBytes() throws(CanonicalFormError) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        try appendCanonical(to: &out)
        return out
    }

    /// The same text as `canonicalBytes` except that object members come in no particular order:
    /// for JSON handed to PostgreSQL, where order does not matter and sorting would only cost time.
    public func jsonBytes() throws(CanonicalFormError) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(1_024)
        try appendCanonical(to: &out, sortingKeys: false)
        return out
    }

    func appendCanonical(to out: inout [UInt8], sortingKeys: Bool = true) throws(CanonicalFormError) {
        switch self {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let value): out.append(contentsOf: (value ? "true" : "false").utf8)
        case .integer(let value): out.append(contentsOf: String(value).utf8)
        case .double(let value): try Self.appendDouble(value, to: &out)
        case .string(let value): try Self.appendString(value, to: &out)
        case .array(let values):
            out.append(UInt8(ascii: "["))
            for (index, value) in values.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                try value.appendCanonical(to: &out, sortingKeys: sortingKeys)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            if !sortingKeys {
                for (index, (key, value)) in members.enumerated() {
                    if index > 0 { out.append(UInt8(ascii: ",")) }
                    try Self.appendString(key, to: &out)
                    out.append(UInt8(ascii: ":"))
                    try value.appendCanonical(to: &out, sortingKeys: false)
                }
                out.append(UInt8(ascii: "}"))
                return
            }
            let keys = members.keys.sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
            for (index, key) in keys.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                try Self.appendString(key, to: &out)
                out.append(UInt8(ascii: ":"))
                try members[key]!.appendCanonical(to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    private static func appendDouble(_ value: Double, to out: inout [UInt8]) throws(CanonicalFormError) {
        guard value.isFinite else { throw .unrepresentableNumber("\(value)") }
        if value == value.rounded(), abs(value) < 9_007_199_254_740_992 {
            out.append(contentsOf: String(Int64(value)).utf8)
        } else if value == value.rounded() {
            throw .unrepresentableNumber("\(value)")
        } else {
            out.append(contentsOf: value.description.utf8)
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private static func appendString(_ value: String, to out: inout [UInt8]) throws(CanonicalFormError) {
        out.append(UInt8(ascii: "\""))
        // Most strings need no escape: copy them whole.
        let plain = value.utf8.withContiguousStorageIfAvailable { bytes in
            bytes.allSatisfy { $0 >= 0x20 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }
        }
        if plain == true {
            out.append(contentsOf: value.utf8)
            out.append(UInt8(ascii: "\""))
            return
        }
        for byte in value.utf8 {
            switch byte {
            case 0x00: throw .nulCharacter
            case UInt8(ascii: "\""): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x08: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
            case 0x09: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0x0A: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0C: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
            case 0x0D: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x01..<0x20:
                out.append(contentsOf: Array("\\u00".utf8))
                out.append(hexDigits[Int(byte >> 4)])
                out.append(hexDigits[Int(byte & 0x0F)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
