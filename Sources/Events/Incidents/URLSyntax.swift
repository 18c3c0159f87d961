import Foundation

/// The URLs incidents accept: `http` or `https`, a host name, an optional port, and a path, query and
/// fragment of RFC 3986 characters with well-formed percent escapes. Stricter than RFC 3986 on purpose
/// (no user info, no IP literals): every such text has a canonical form, and the OpenAPI document
/// carries the same pattern.
public enum URLSyntax {
    private static let character = "([A-Za-z0-9._~!$&'()*+,;=:@-]|%[0-9A-Fa-f]{2})"
    private static let label = "[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?"

    /// The pattern (ECMA 262 and ICU compatible).
    public static let pattern =
        "^https?://\(label)(\\.\(label))*(:[1-9][0-9]{0,3})?(/\(character)*)*(\\?(\(character)|[/?])*)?(#(\(character)|[/?])*)?$"

    private static let expression = try! NSRegularExpression(pattern: pattern)

    /// Whether `text` matches the pattern.
    public static func matches(_ text: String) -> Bool {
        let range = NSRange(text.startIndex..<text.endIndex, in: text)
        return expression.firstMatch(in: text, options: [], range: range) != nil
    }
}
