/// A fast reader of JSON text into `JSONValue` for the common shapes the log stores (objects, arrays,
/// strings, booleans, null and plain integers). It answers nil for anything it does not take on
/// itself (fractions, exponents, out-of-range integers, duplicate keys, lone surrogates, malformed
/// text), and `JSONValue.parse` then falls back to Foundation's decoder, so every answer is the one
/// Foundation would give: the hash chain depends on it.
///
/// Read strictly (`JSONValue.parseInput`, for what clients send) it decides everything itself and
/// says why it refuses, at which member: numbers are taken only when the log can hold them exactly
/// (see `readNumberStrictly`), a repeated key, a lone surrogate or malformed text is refused.
struct JSONText {
    private let bytes: [UInt8]
    private var index = 0
    private var depth = 0
    /// Strict reading: no fallback, every refusal explained in `refusal`.
    private let strict: Bool
    /// Where the reader is (strict reading only), for the refusal's field.
    private var path = JSONInputError.Path()
    /// Why strict reading refused the text.
    private(set) var refusal: JSONInputError?

    /// The deepest nesting read here (deeper documents fall back, or are refused when strict).
    static let maximumDepth = 256

    init(_ bytes: [UInt8], strict: Bool = false) {
        self.bytes = bytes
        self.strict = strict
    }

    /// The whole text as one value, or nil when the fallback must decide.
    static func value(of bytes: [UInt8]) -> JSONValue? {
        var text = JSONText(bytes)
        guard let value = text.readValue() else { return nil }
        text.skipWhitespace()
        return text.index == bytes.count ? value : nil
    }

    /// The whole text as one value, read strictly: every refusal names the member and the reason.
    static func strictValue(of bytes: [UInt8]) throws(JSONInputError) -> JSONValue {
        var text = JSONText(bytes, strict: true)
        guard let value = text.readValue() else { throw text.refusal ?? text.malformed() }
        text.skipWhitespace()
        guard text.index == bytes.count else { throw text.malformed() }
        return value
    }

    /// A refusal of malformed text at the current byte (the first refusal stands).
    private mutating func malformed() -> JSONInputError {
        refusal ?? JSONInputError(field: path.field, reason: "the body is not valid JSON (at byte \(index))")
    }

    /// Records the first refusal of strict reading; answers nil so readers can `return refuse(...)`.
    private mutating func refuse(_ reason: String) -> JSONValue? {
        if refusal == nil { refusal = JSONInputError(field: path.field, reason: reason) }
        return nil
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    private mutating func readValue() -> JSONValue? {
        skipWhitespace()
        guard index < bytes.count else { return nil }
        switch bytes[index] {
        case UInt8(ascii: "{"): return readObject()
        case UInt8(ascii: "["): return readArray()
        case UInt8(ascii: "\""): return readString().map(JSONValue.string)
        case UInt8(ascii: "t"): return readWord("true", .bool(true))
        case UInt8(ascii: "f"): return readWord("false", .bool(false))
        case UInt8(ascii: "n"): return readWord("null", .null)
        default: return strict ? readNumberStrictly() : readInteger()
        }
    }

    private mutating func readWord(_ word: StaticString, _ value: JSONValue) -> JSONValue? {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { return nil }
        for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] { return nil }
        index += count
        return value
    }

    /// `-?(0|[1-9][0-9]*)` not followed by a fraction or exponent, within Int64.
    private mutating func readInteger() -> JSONValue? {
        let start = index
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        let digitsStart = index
        while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
        let digits = index - digitsStart
        guard digits > 0, digits <= 19, !(digits > 1 && bytes[digitsStart] == UInt8(ascii: "0")) else { return nil }
        if index < bytes.count, [UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E")].contains(bytes[index]) { return nil }
        var value: Int64 = 0
        let negative = digitsStart > start
        for byte in bytes[digitsStart..<index] {
            let digit = Int64(byte - UInt8(ascii: "0"))
            let (shifted, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (next, overflow2) = negative ? shifted.subtractingReportingOverflow(digit) : shifted.addingReportingOverflow(digit)
            guard !overflow1, !overflow2 else { return nil }
            value = next
        }
        return .integer(value)
    }

    /// A number read strictly, never rounded: one with an integral value (`12`, `1.0`, `1e2`) is an
    /// integer and must lie within ±(2^53 − 1), the integers every JSON reader holds exactly; any
    /// other is taken only when a 64-bit double holds it as written, that is when its shortest
    /// round-trip spelling (the one the log writes) denotes the same decimal. `1e-400` (0 as a
    /// double) and `100.000000000000001` (100) are refused, `0.1` and `2.5e-3` taken.
    private mutating func readNumberStrictly() -> JSONValue? {
        let start = index
        func digits() -> Int {
            let first = index
            while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
            return index - first
        }
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        let integerStart = index
        let integerDigits = digits()
        guard integerDigits > 0, !(integerDigits > 1 && bytes[integerStart] == UInt8(ascii: "0")) else { return nil }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard digits() > 0 else { return nil }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard digits() > 0 else { return nil }
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        guard let written = ExactDecimal(text) else { return refuse("the number \(text) is out of range") }
        if written.isIntegral {
            guard let value = written.integer, abs(value) <= JSONInputError.largestExactInteger else {
                return refuse(
                    "the number \(text) is out of range: integers must lie within ±\(JSONInputError.largestExactInteger) "
                        + "(2^53 − 1), the integers every JSON reader holds exactly")
            }
            return .integer(value)
        }
        guard let double = Double(text), double.isFinite, double != 0, ExactDecimal(double.description) == written else {
            let stored = Double(text).flatMap { try? JSONValue.double($0).canonicalBytes() }.map {
                " (it would be stored as \(String(decoding: $0, as: UTF8.self)))"
            }
            return refuse("the number \(text) cannot be stored exactly as written\(stored ?? ""); send it with fewer digits")
        }
        return .double(double)
    }

    private mutating func readArray() -> JSONValue? {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumDepth else { return refuse("nested deeper than \(Self.maximumDepth) levels") }
        index += 1
        var values: [JSONValue] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return .array(values)
        }
        while true {
            if strict { path.components.append(.index(values.count)) }
            guard let value = readValue() else { return nil }
            if strict { path.components.removeLast() }
            values.append(value)
            skipWhitespace()
            guard index < bytes.count else { return nil }
            let byte = bytes[index]
            index += 1
            if byte == UInt8(ascii: "]") { return .array(values) }
            guard byte == UInt8(ascii: ",") else { return nil }
        }
    }

    private mutating func readObject() -> JSONValue? {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumDepth else { return refuse("nested deeper than \(Self.maximumDepth) levels") }
        index += 1
        var members: [String: JSONValue] = [:]
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\""), let key = readString() else { return nil }
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return nil }
            index += 1
            if strict { path.components.append(.key(key)) }
            guard let value = readValue() else { return nil }
            // A repeated key (or one Unicode-equivalent to an earlier one): Foundation decides, or refused.
            guard members.updateValue(value, forKey: key) == nil else {
                return refuse("the member '\(key)' is given more than once")
            }
            if strict { path.components.removeLast() }
            skipWhitespace()
            guard index < bytes.count else { return nil }
            let byte = bytes[index]
            index += 1
            if byte == UInt8(ascii: "}") { return .object(members) }
            guard byte == UInt8(ascii: ",") else { return nil }
        }
    }

    /// A string starting at the opening quote; escapes other than surrogates are decoded here.
    private mutating func readString() -> String? {
        index += 1
        var utf8: [UInt8] = []
        var start = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                utf8 += bytes[start..<index]
                index += 1
                guard let text = String(validating: utf8, as: UTF8.self) else {
                    _ = refuse("a string is not valid UTF-8")
                    return nil
                }
                return text
            }
            if byte < 0x20 {
                _ = refuse("a string holds an unescaped control character (at byte \(index))")
                return nil
            }
            if byte != UInt8(ascii: "\\") {
                index += 1
                continue
            }
            utf8 += bytes[start..<index]
            guard index + 1 < bytes.count else { return nil }
            let escaped = bytes[index + 1]
            index += 2
            switch escaped {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(escaped)
            case UInt8(ascii: "b"): utf8.append(0x08)
            case UInt8(ascii: "f"): utf8.append(0x0C)
            case UInt8(ascii: "n"): utf8.append(0x0A)
            case UInt8(ascii: "r"): utf8.append(0x0D)
            case UInt8(ascii: "t"): utf8.append(0x09)
            case UInt8(ascii: "u"):
                guard let code = readHex4() else { return nil }
                if let scalar = Unicode.Scalar(code) {
                    utf8 += Array(String(Character(scalar)).utf8)
                } else if strict, let scalar = readLowSurrogate(after: code) {  // leniently, surrogates fall back
                    utf8 += Array(String(Character(scalar)).utf8)
                } else {
                    _ = refuse("a string holds a lone UTF-16 surrogate")
                    return nil
                }
            default: return nil
            }
            start = index
        }
        return nil
    }

    /// The scalar of a `\uD8xx\uDCxx` pair whose high half is `high` and whose `\u` low half follows.
    private mutating func readLowSurrogate(after high: UInt32) -> Unicode.Scalar? {
        guard (0xD800...0xDBFF).contains(high), index + 2 <= bytes.count, bytes[index] == UInt8(ascii: "\\"),
            bytes[index + 1] == UInt8(ascii: "u")
        else { return nil }
        let start = index
        index += 2
        guard let low = readHex4(), (0xDC00...0xDFFF).contains(low) else {
            index = start
            return nil
        }
        return Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
    }

    private mutating func readHex4() -> UInt32? {
        guard index + 4 <= bytes.count else { return nil }
        var code: UInt32 = 0
        for byte in bytes[index..<index + 4] {
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            code = code << 4 | UInt32(digit)
        }
        index += 4
        return code
    }
}
