/// Where an item of public opinion was seen: the kinds of source the seeds name.
public enum IncidentSource: String, Sendable, Hashable, Codable, CaseIterable {
    /// A printed press article.
    case press
    /// A radio or television broadcast.
    case broadcast
    /// An electronic news site (báo điện tử, trang thông tin điện tử).
    case electronicNews
    /// A social-media post.
    case socialMedia
    /// A citizen dialogue or reception session.
    case citizenDialogue
    /// A report from a public-opinion collaborator (cộng tác viên).
    case collaborator
    /// An opinion survey.
    case survey
}

/// How sensitive an incident is; ordered from `low` to `critical`.
public enum IncidentSeverity: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case low, medium, high, critical

    /// Severity order: `low < medium < high < critical`.
    public static func < (lhs: IncidentSeverity, rhs: IncidentSeverity) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
