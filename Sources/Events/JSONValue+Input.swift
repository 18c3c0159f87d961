/// Why a client's JSON text was refused, and the member at fault.
public struct JSONInputError: Error, Sendable, Hashable {
    /// The member at fault as a path (`reach`, `pressRequest.receivedAt`, `unitIds[1]`); nil for the
    /// document itself.
    public var field: String?
    /// What is wrong, for a person.
    public var reason: String

    /// The largest integer magnitude taken, 2^53 − 1: beyond it JavaScript and other readers that keep
    /// numbers as doubles change the value, so the log's hashes could not be checked there.
    public static let largestExactInteger: Int64 = 9_007_199_254_740_991

    /// Creates a refusal.
    public init(field: String?, reason: String) {
        self.field = field
        self.reason = reason
    }

    /// A position inside a document, as it is named in problem documents.
    struct Path {
        enum Component {
            case key(String)
            case index(Int)
        }
        var components: [Component] = []

        /// `a.b[2].c`, or nil at the top.
        var field: String? {
            guard !components.isEmpty else { return nil }
            var text = ""
            for component in components {
                switch component {
                case .key(let key): text += text.isEmpty ? key : ".\(key)"
                case .index(let index): text += "[\(index)]"
                }
            }
            return text
        }
    }
}

extension JSONValue {
    /// Parses JSON text a client sent, strictly: nothing is rounded or guessed. Numbers are taken only
    /// as the log can hold them exactly (integers within ±(2^53 − 1); other numbers only when a
    /// 64-bit double holds them as written); a key given twice, a lone surrogate, invalid UTF-8 or
    /// malformed text is refused. The error names the member at fault.
    public static func parseInput(_ bytes: some Sequence<UInt8>) throws(JSONInputError) -> JSONValue {
        try JSONText.strictValue(of: Array(bytes))
    }
}

/// A decimal number exactly as written, `digits × 10^exponent` with no trailing zeros in `digits`.
struct ExactDecimal: Hashable {
    /// The significant digits without leading or trailing zeros; empty for zero.
    var digits: [UInt8]
    var exponent: Int
    var negative: Bool

    /// Reads `-?digits(.digits)?([eE][+-]?digits)?`; nil when the exponent is absurdly large.
    init?(_ text: String) {
        var bytes = Substring(text).utf8[...]
        negative = bytes.first == UInt8(ascii: "-")
        if negative { bytes = bytes.dropFirst() }
        var mantissa: [UInt8] = []
        var fractionDigits = 0
        var seenPoint = false
        var exponentText: Substring.UTF8View.SubSequence?
        for (offset, byte) in zip(bytes.indices, bytes) {
            if byte == UInt8(ascii: ".") {
                seenPoint = true
            } else if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
                exponentText = bytes[bytes.index(after: offset)...]
                break
            } else {
                mantissa.append(byte - UInt8(ascii: "0"))
                if seenPoint { fractionDigits += 1 }
            }
        }
        var exponent = 0
        if let exponentText {
            guard let value = Int(String(decoding: exponentText, as: UTF8.self).drop(while: { $0 == "+" })),
                abs(value) < 1_000_000
            else { return nil }
            exponent = value
        }
        exponent -= fractionDigits
        let leading = mantissa.prefix(while: { $0 == 0 }).count
        mantissa.removeFirst(leading)
        while let last = mantissa.last, last == 0 {
            mantissa.removeLast()
            exponent += 1
        }
        if mantissa.isEmpty {
            exponent = 0
            negative = false
        }
        digits = mantissa
        self.exponent = exponent
    }

    /// Whether the value is a whole number.
    var isIntegral: Bool { exponent >= 0 }

    /// The whole value as an Int64, or nil when it is not whole or too large.
    var integer: Int64? {
        guard isIntegral, digits.count + exponent <= 19 else { return nil }
        var value: Int64 = 0
        for digit in digits + [UInt8](repeating: 0, count: exponent) {
            let (shifted, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (next, overflow2) = shifted.addingReportingOverflow(Int64(digit))
            guard !overflow1, !overflow2 else { return nil }
            value = next
        }
        return negative ? -value : value
    }
}
