import Events

/// `POST /v1/reports`: a unit officer files for its unit; an admin or the recipient's supervisor
/// records a report that came by paper or the document system, with its official receipt time.
struct FileReportBody: Codable, Sendable {
    var obligationId: String
    var unitId: String
    var period: String
    var summary: String
    var body: String?
    var topics: [String]?
    var confidential: Bool?
    /// Set only when recording a report that arrived another way; it then decides timeliness.
    var receivedAt: String?
    var channel: ReportChannel?
}

/// `POST /v1/reports/{id}/amendments` and `/resubmissions`.
struct ReportContentBody: Codable, Sendable {
    var summary: String
    var body: String?
    var topics: [String]?

    var content: ReportContent { ReportContent(summary: summary, body: body ?? "", topics: topics ?? []) }
}

/// `POST /v1/reports/{id}/return` and `POST /v1/obligations/{id}/excusals` carry a reason.
struct ReturnReportBody: Codable, Sendable {
    var reason: String
}

/// `POST /v1/reports/{id}/accept` takes an empty object.
struct AcceptReportBody: Codable, Sendable {}

/// `POST /v1/obligations/{id}/excusals`.
struct ExcusalBody: Codable, Sendable {
    var unitId: String
    var period: String
    var reason: String
}

/// Report ids name their duty: `<obligationId>.<unitId>.<period>`, e.g. `thang-dic.so-yte.2024-10`.
enum ReportID {
    static let pattern = "^[a-z0-9][a-z0-9-]{0,63}\\.[a-z0-9][a-z0-9-]{0,63}\\.[0-9]{4}(-[0-9A-Z-]{2,6})?$"

    static func make(_ duty: ReportingDuty) -> String { "\(duty.obligationId).\(duty.unitId).\(duty.period)" }

    static func duty(_ id: String) -> ReportingDuty? {
        let parts = id.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, UnitID.isValid(parts[0]), UnitID.isValid(parts[1]), let period = try? Period(parsing: parts[2]),
            period.description == parts[2]
        else { return nil }
        return ReportingDuty(obligationId: parts[0], unitId: parts[1], period: period)
    }
}
