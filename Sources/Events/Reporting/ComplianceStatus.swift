/// Where a unit stands on one obligation for one period, as of an instant.
public enum ComplianceStatus: Sendable, Hashable {
    /// Not filed, and the deadline has not come.
    case notDue
    /// First filed before the deadline.
    case onTime
    /// First filed at or after the deadline, by this many whole seconds.
    case late(bySeconds: Int64)
    /// Not filed, and the deadline passed this many whole seconds ago.
    case overdue(bySeconds: Int64)
    /// Excused from this period's report.
    case excused

    /// The status as it stood at `asOf`: an excuse wins; a first filing at or before `asOf` is on time
    /// before `deadline`, else late; with none yet, overdue from the deadline on, else not due.
    /// A filing recorded after `asOf` does not count yet. Durations are whole seconds, rounded down.
    public static func evaluate(
        deadline: Timestamp, firstSubmittedAt: Timestamp?, excused: Bool, asOf: Timestamp
    ) -> ComplianceStatus {
        if excused { return .excused }
        if let submitted = firstSubmittedAt, submitted <= asOf {
            return submitted < deadline ? .onTime : .late(bySeconds: seconds(from: deadline, to: submitted))
        }
        return asOf < deadline ? .notDue : .overdue(bySeconds: seconds(from: deadline, to: asOf))
    }

    private static func seconds(from start: Timestamp, to end: Timestamp) -> Int64 {
        let (difference, overflow) = end.microsecondsSinceEpoch.subtractingReportingOverflow(start.microsecondsSinceEpoch)
        return overflow ? Int64.max / 1_000_000 : difference / 1_000_000
    }
}

extension ComplianceStatus: Codable {
    private enum CodingKeys: String, CodingKey { case status, bySeconds }

    private enum Status: String, Codable { case notDue, onTime, late, overdue, excused }

    /// Decodes `{"status":"late","bySeconds":90}`, `{"status":"onTime"}` and the like.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(Status.self, forKey: .status) {
        case .notDue: self = .notDue
        case .onTime: self = .onTime
        case .late: self = .late(bySeconds: try container.decode(Int64.self, forKey: .bySeconds))
        case .overdue: self = .overdue(bySeconds: try container.decode(Int64.self, forKey: .bySeconds))
        case .excused: self = .excused
        }
    }

    /// Encodes the status, and `bySeconds` for late and overdue.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .notDue: try container.encode(Status.notDue, forKey: .status)
        case .onTime: try container.encode(Status.onTime, forKey: .status)
        case .late(let seconds):
            try container.encode(Status.late, forKey: .status)
            try container.encode(seconds, forKey: .bySeconds)
        case .overdue(let seconds):
            try container.encode(Status.overdue, forKey: .status)
            try container.encode(seconds, forKey: .bySeconds)
        case .excused: try container.encode(Status.excused, forKey: .status)
        }
    }
}
