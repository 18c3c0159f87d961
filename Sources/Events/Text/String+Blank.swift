extension Unicode.Scalar {
    /// Whether this scalar counts as blank in free text: Unicode White_Space, U+001C–U+001F (which
    /// Python's `\s` counts) and U+FEFF (which ECMAScript's `\s` counts). The OpenAPI patterns list
    /// exactly these scalars, so the schema and the server agree on what "not blank" means.
    public var isBlank: Bool {
        properties.isWhitespace || (0x1C...0x1F).contains(value) || value == 0xFEFF
    }
}

extension String {
    /// The text without leading and trailing blank scalars.
    public func trimmingBlanks() -> String {
        let scalars = Array(unicodeScalars)
        guard let first = scalars.firstIndex(where: { !$0.isBlank }),
            let last = scalars.lastIndex(where: { !$0.isBlank })
        else { return "" }
        return String(String.UnicodeScalarView(scalars[first...last]))
    }

    /// The text trimmed, with every inner run of blank characters collapsed to one space (names, titles).
    public func collapsingBlanks() -> String {
        split(whereSeparator: { $0.unicodeScalars.allSatisfy(\.isBlank) }).joined(separator: " ")
    }
}

extension String {
    /// Checks free text the way every decider does: at most `limit` Unicode scalars, no U+0000, not
    /// blank unless `allowEmpty`. Answers the text trimmed, or why it is refused (the words each
    /// decider puts in its own violation).
    public func checkedText(limit: Int, allowEmpty: Bool = false) -> Result<String, TextRefusal> {
        guard unicodeScalars.count <= limit else { return .failure(TextRefusal(reason: "must be at most \(limit) characters")) }
        guard !unicodeScalars.contains("\u{0}") else { return .failure(TextRefusal(reason: "must not contain U+0000")) }
        let trimmed = trimmingBlanks()
        guard allowEmpty || !trimmed.isEmpty else { return .failure(TextRefusal(reason: "must not be blank")) }
        return .success(trimmed)
    }
}

/// Why a text field was refused, in words for the problem's `detail`.
public struct TextRefusal: Error, Sendable, Hashable {
    /// E.g. "must not be blank".
    public var reason: String
}
