extension IncidentDecider {
    /// The limits on incident text, in Unicode scalars (and list lengths); the OpenAPI document states the same.
    public enum Limits {
        public static let outlet = 300
        public static let url = 2_000
        public static let title = 500
        public static let summary = 5_000
        public static let topic = 100
        public static let topics = 20
        public static let units = 20
        public static let reason = 2_000
        public static let findings = 10_000
        public static let evidence = 500
        public static let evidenceItems = 50
        public static let channel = 200
        public static let content = 20_000
    }

    /// Checks one text field: length in Unicode scalars, no U+0000, not blank; returns it trimmed.
    public static func text(_ value: String, field: String, limit: Int) throws(IncidentRuleViolation) -> String {
        switch value.checkedText(limit: limit) {
        case .success(let text): return text
        case .failure(let refusal): throw .invalidField(field: field, reason: refusal.reason)
        }
    }

    /// An optional text field: nil stays nil; a given value obeys `text`.
    public static func optionalText(_ value: String?, field: String, limit: Int) throws(IncidentRuleViolation) -> String? {
        guard let value else { return nil }
        return try text(value, field: field, limit: limit)
    }

    /// A list of text items: at most `maximum`, each obeying `text`.
    public static func list(_ items: [String], field: String, maximum: Int, limit: Int) throws(IncidentRuleViolation) -> [String] {
        guard items.count <= maximum else { throw .invalidField(field: field, reason: "must hold at most \(maximum) items") }
        var result: [String] = []
        for (index, item) in items.enumerated() { result.append(try text(item, field: "\(field)[\(index)]", limit: limit)) }
        return result
    }

    /// A URL as given and its canonical form; refused unless it matches `URLSyntax.pattern` (the OpenAPI
    /// document states the same pattern, so the schema and the server agree on what a URL is).
    public static func checkedURL(_ value: String, field: String) throws(IncidentRuleViolation) -> (text: String, canonical: CanonicalURL) {
        guard value.unicodeScalars.count <= Limits.url else {
            throw .invalidField(field: field, reason: "must be at most \(Limits.url) characters")
        }
        guard URLSyntax.matches(value), let canonical = CanonicalURL(value) else {
            throw .invalidField(
                field: field,
                reason:
                    "must be an absolute http or https URL with a host name and no user info (RFC 3986 characters or characters beyond ASCII other than controls and blanks)"
            )
        }
        return (value, canonical)
    }
}
