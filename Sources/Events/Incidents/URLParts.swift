import Foundation

/// A URL that `URLSyntax` accepts, taken apart and normalised as RFC 3986 section 6.2.2 says: scheme
/// and host lowercased, a Unicode host label written in Punycode (`xn--…`), a default port dropped,
/// percent escapes in upper case and those of unreserved characters decoded, characters beyond ASCII
/// composed (NFC) and percent-encoded as UTF-8, dot segments removed. The fragment is not kept.
struct URLParts: Sendable, Equatable {
    /// One item of the query: its name and value as normalised, percent-encoded text.
    struct QueryItem: Sendable, Equatable {
        var name: String
        var value: String?

        /// The name in lower case, as rules match it.
        var key: String { name.lowercased() }
    }

    var scheme: String
    var host: String
    var port: Int?
    /// The path: empty or starting with `/`, without trailing slashes.
    var path: String
    var query: [QueryItem]

    /// Takes apart `text`, which must match `URLSyntax.pattern`.
    init?(syntaxChecked text: String) {
        let scalars = Array(text.unicodeScalars)
        guard let colon = scalars.firstIndex(of: ":") else { return nil }
        scheme = String(String.UnicodeScalarView(scalars[..<colon])).lowercased()
        let authorityStart = colon + 3
        guard authorityStart <= scalars.count else { return nil }
        let authorityEnd = scalars[authorityStart...].firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? scalars.count
        var hostEnd = authorityEnd
        port = nil
        if let portColon = scalars[authorityStart..<authorityEnd].firstIndex(of: ":") {
            guard let number = Int(String(String.UnicodeScalarView(scalars[(portColon + 1)..<authorityEnd]))) else { return nil }
            hostEnd = portColon
            if !(scheme == "http" && number == 80) && !(scheme == "https" && number == 443) { port = number }
        }
        let labels = String(String.UnicodeScalarView(scalars[authorityStart..<hostEnd])).split(
            separator: ".", omittingEmptySubsequences: false)
        host = labels.map { Self.asciiLabel(String($0)) }.joined(separator: ".")
        let fragmentStart = scalars[authorityEnd...].firstIndex(of: "#") ?? scalars.count
        let queryStart = scalars[authorityEnd..<fragmentStart].firstIndex(of: "?") ?? fragmentStart
        path = Self.removingDotSegments(Self.normalised(scalars[authorityEnd..<queryStart], keeping: Self.isPathCharacter))
        while path.hasSuffix("/") { path.removeLast() }
        query = []
        if queryStart < fragmentStart {
            for item in scalars[(queryStart + 1)..<fragmentStart].split(separator: "&", omittingEmptySubsequences: true) {
                if let equals = item.firstIndex(of: "=") {
                    query.append(
                        QueryItem(
                            name: Self.normalised(item[..<equals], keeping: Self.isQueryCharacter),
                            value: Self.normalised(item[(equals + 1)...], keeping: Self.isQueryCharacter)))
                } else {
                    query.append(QueryItem(name: Self.normalised(item[...], keeping: Self.isQueryCharacter), value: nil))
                }
            }
        }
    }

    /// The URL as text, query items in the order they are held.
    var text: String {
        var result = "\(scheme)://\(host)"
        if let port { result += ":\(port)" }
        result += path
        if !query.isEmpty {
            result += "?" + query.map { item in item.value.map { "\(item.name)=\($0)" } ?? item.name }.joined(separator: "&")
        }
        return result
    }

    /// The path's segments after the leading `/` (none for an empty path).
    var segments: [String] {
        path.isEmpty ? [] : path.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map(String.init)
    }

    /// Sets the path from its segments.
    mutating func setSegments(_ segments: [String]) {
        path = segments.isEmpty ? "" : "/" + segments.joined(separator: "/")
        while path.hasSuffix("/") { path.removeLast() }
    }

    /// Keeps only the query items `isKept` holds to.
    mutating func keepQueryItems(where isKept: (QueryItem) -> Bool) {
        query = query.filter(isKept)
    }

    /// A host label in ASCII: lowercased, and when it holds characters beyond ASCII, composed (NFC)
    /// and written as `xn--` + Punycode (RFC 3492). The label is kept uncomposed when composing would
    /// give an ASCII character a host may not hold.
    static func asciiLabel(_ label: String) -> String {
        let lowered = label.lowercased()
        guard !lowered.unicodeScalars.allSatisfy(\.isASCII) else { return lowered }
        var unicode = lowered.precomposedStringWithCanonicalMapping
        if unicode.unicodeScalars.contains(where: { $0.isASCII && !isHostCharacter($0) }) { unicode = lowered }
        guard !unicode.unicodeScalars.allSatisfy(\.isASCII) else { return unicode }
        return "xn--" + (Punycode.encode(unicode) ?? unicode)
    }

    /// `scalars` composed (NFC), every escape in upper case, escapes of unreserved characters decoded,
    /// and every other character that `isKept` does not hold to percent-encoded as UTF-8.
    static func normalised(_ scalars: ArraySlice<Unicode.Scalar>, keeping isKept: (Unicode.Scalar) -> Bool) -> String {
        let composed = Array(String(String.UnicodeScalarView(scalars)).precomposedStringWithCanonicalMapping.unicodeScalars)
        var result = String.UnicodeScalarView()
        var index = 0
        while index < composed.count {
            let scalar = composed[index]
            if scalar == "%", index + 2 < composed.count, let high = hexValue(composed[index + 1]), let low = hexValue(composed[index + 2])
            {
                let byte = UInt8(high << 4 | low)
                if isUnreserved(Unicode.Scalar(byte)) { result.append(Unicode.Scalar(byte)) } else { appendEscape(byte, to: &result) }
                index += 3
                continue
            }
            if scalar.isASCII, scalar != "%", isKept(scalar) {
                result.append(scalar)
            } else {
                for byte in String(scalar).utf8 { appendEscape(byte, to: &result) }
            }
            index += 1
        }
        return String(result)
    }

    /// The path without `.` and `..` segments (RFC 3986 section 5.2.4).
    static func removingDotSegments(_ path: String) -> String {
        guard path.contains(".") else { return path }
        var output: [Substring] = []
        let input = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        for (offset, segment) in input.enumerated() {
            let isLast = offset == input.count - 1
            switch segment {
            case ".":
                if isLast { output.append("") }
            case "..":
                if !output.isEmpty { output.removeLast() }
                if isLast { output.append("") }
            default:
                output.append(segment)
            }
        }
        return output.isEmpty ? "" : "/" + output.joined(separator: "/")
    }

    /// Percent-decodes `text` (escapes as UTF-8); nil when the bytes are not UTF-8.
    static func percentDecoded(_ text: String) -> String? {
        var bytes: [UInt8] = []
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            if scalars[index] == "%", index + 2 < scalars.count, let high = hexValue(scalars[index + 1]),
                let low = hexValue(scalars[index + 2])
            {
                bytes.append(UInt8(high << 4 | low))
                index += 3
            } else {
                bytes.append(contentsOf: String(scalars[index]).utf8)
                index += 1
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func appendEscape(_ byte: UInt8, to result: inout String.UnicodeScalarView) {
        let digits = Array("0123456789ABCDEF".unicodeScalars)
        result.append("%")
        result.append(digits[Int(byte >> 4)])
        result.append(digits[Int(byte & 0x0F)])
    }

    private static func hexValue(_ scalar: Unicode.Scalar) -> Int? {
        switch scalar.value {
        case 0x30...0x39: Int(scalar.value - 0x30)
        case 0x41...0x46: Int(scalar.value - 0x41 + 10)
        case 0x61...0x66: Int(scalar.value - 0x61 + 10)
        default: nil
        }
    }

    private static func isUnreserved(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "A"..."Z", "a"..."z", "0"..."9", "-", ".", "_", "~": true
        default: false
        }
    }

    private static func isHostCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "0"..."9", "-": true
        default: false
        }
    }

    private static func isPathCharacter(_ scalar: Unicode.Scalar) -> Bool {
        isUnreserved(scalar) || "!$&'()*+,;=:@/".unicodeScalars.contains(scalar)
    }

    private static func isQueryCharacter(_ scalar: Unicode.Scalar) -> Bool {
        isPathCharacter(scalar) || scalar == "?"
    }
}
