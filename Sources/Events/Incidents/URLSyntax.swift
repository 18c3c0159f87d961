import Foundation

/// The URLs incidents accept: `http` or `https` in any case, a host name, an optional port, and a
/// path, query and fragment of RFC 3986 characters with well-formed percent escapes. Characters
/// outside ASCII (Vietnamese letters in a path, a Unicode host such as `bücher.example`) are accepted
/// as share links carry them — IRIs, RFC 3987 — except C1 controls and blank scalars; the canonical
/// form percent-encodes them (UTF-8) and writes a Unicode host label in Punycode. Stricter than RFC
/// 3986 on purpose (no user info, no IP literals): every such text has a canonical form, and the
/// OpenAPI document carries the same pattern.
public enum URLSyntax {
    /// A scalar beyond ASCII that is neither a C1 control nor blank (`Unicode.Scalar.isBlank`).
    static let nonASCII = "[^\\u0000-\\u009f\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff]"
    private static let character = "([A-Za-z0-9._~!$&'()*+,;=:@-]|%[0-9A-Fa-f]{2}|\(nonASCII))"
    private static let letterOrDigit = "([A-Za-z0-9]|\(nonASCII))"
    private static let label = "\(letterOrDigit)((\(letterOrDigit)|-){0,61}\(letterOrDigit))?"

    /// The pattern (ECMA 262 and ICU compatible).
    public static let pattern =
        "^[Hh][Tt][Tt][Pp][Ss]?://\(label)(\\.\(label))*(:[1-9][0-9]{0,3})?(/\(character)*)*(\\?(\(character)|[/?])*)?(#(\(character)|[/?])*)?$"

    private static let expression = try! NSRegularExpression(pattern: pattern)

    /// Whether `text` matches the pattern, as ECMA 262 reads it: ICU's `$` also matches before a final
    /// line terminator (U+2028, U+0085, LF), so the match must cover the whole text.
    public static func matches(_ text: String) -> Bool {
        let range = NSRange(text.startIndex..<text.endIndex, in: text)
        return expression.firstMatch(in: text, options: [], range: range)?.range == range
    }
}
