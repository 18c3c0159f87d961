import Foundation

/// A URL in the form sightings are matched on, so that the same story reached by different links is
/// recognised: scheme and host lowercased, the fragment, a default port (80 for http, 443 for https),
/// trailing slashes of the path and tracking query items (`utm_*`, `fbclid`, `gclid`) dropped, and the
/// remaining query items sorted. Only absolute `http` and `https` URLs with a host have one.
public struct CanonicalURL: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The canonical text.
    public let rawValue: String

    /// Query items dropped as tracking noise (besides every `utm_*`).
    public static let trackingItems: Set<String> = ["fbclid", "gclid"]

    /// The canonical form of `text`, or nil when it is not an absolute http(s) URL with a host.
    public init?(_ text: String) {
        let trimmed = text.trimmingBlanks()
        guard !trimmed.isEmpty, !trimmed.unicodeScalars.contains(where: { $0.isBlank }),
            let components = URLComponents(string: trimmed), let scheme = components.scheme?.lowercased(),
            scheme == "http" || scheme == "https", let rawHost = components.percentEncodedHost, !rawHost.isEmpty
        else { return nil }
        var host = rawHost.lowercased()
        if host.contains(":"), !host.hasPrefix("[") { host = "[\(host)]" }
        var result = "\(scheme)://"
        if let user = components.percentEncodedUser {
            result += user
            if let password = components.percentEncodedPassword { result += ":\(password)" }
            result += "@"
        }
        result += host
        if let port = components.port, !(scheme == "http" && port == 80), !(scheme == "https" && port == 443) {
            result += ":\(port)"
        }
        var path = components.percentEncodedPath
        while path.hasSuffix("/") { path.removeLast() }
        result += path
        let items = (components.percentEncodedQueryItems ?? []).filter { item in
            let name = item.name.lowercased()
            return !name.hasPrefix("utm_") && !Self.trackingItems.contains(name) && !(item.name.isEmpty && item.value == nil)
        }
        if !items.isEmpty {
            let sorted = items.sorted { ($0.name, $0.value ?? "") < ($1.name, $1.value ?? "") }
            result += "?" + sorted.map { item in item.value.map { "\(item.name)=\($0)" } ?? item.name }.joined(separator: "&")
        }
        rawValue = result
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
