import Foundation

/// A URL in the form sightings are matched on, so that the same story reached by different links is
/// recognised. First the generic normalisation of RFC 3986 (`URLParts`): scheme and host lowercased,
/// a Unicode host in Punycode, a default port (80 for http, 443 for https) dropped, escapes
/// normalised and characters beyond ASCII percent-encoded, dot segments, trailing slashes and the
/// fragment dropped. Then the share-link rules (`ShareLinkRules`): tracking query items dropped on
/// every site, and each known site's mobile, AMP, short and app variants brought to one URL. The
/// remaining query items are sorted. Only texts that match `URLSyntax.pattern` (after trimming blanks)
/// have one; a canonical text is its own canonical form.
public struct CanonicalURL: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The canonical text.
    public let rawValue: String

    /// Query items dropped as tracking noise on every site (besides every `utm_*`).
    public static var trackingItems: Set<String> { ShareLinkRules.trackingItems }

    /// The canonical form of `text`, or nil when it is not an absolute http(s) URL of `URLSyntax`.
    public init?(_ text: String) {
        let trimmed = text.trimmingBlanks()
        guard !trimmed.isEmpty, URLSyntax.matches(trimmed), let parts = URLParts(syntaxChecked: trimmed) else { return nil }
        var canonical = ShareLinkRules.applied(to: parts)
        canonical.query.removeAll { $0.name.isEmpty && $0.value == nil }
        canonical.query.sort { ($0.name, $0.value ?? "") < ($1.name, $1.value ?? "") }
        rawValue = canonical.text
    }

    public var description: String { rawValue }

    /// Decodes canonical text as stored (it is not re-normalised).
    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    /// Encodes the canonical text.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
