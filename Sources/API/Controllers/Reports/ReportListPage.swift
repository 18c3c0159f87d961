import Events
import Projections

/// One report in `GET /v1/reports`: where its duty stands, without the body (read one report for
/// that). Confidential summaries are left out for readers who may not see them.
struct ReportListEntry: Codable, Sendable {
    var id: String
    var obligationId: String
    var unitId: String
    var period: String
    var stage: DutyState.Stage
    var confidential: Bool
    var excused: Bool
    var excuseReason: String?
    var channel: ReportChannel?
    var summary: String?
    var submittedAt: String?
    var recordedAt: String?
    var returnCount: Int
    var version: Int64

    init(_ record: DutyRecord, showText: Bool) {
        id = ReportID.make(record.duty)
        obligationId = record.duty.obligationId
        unitId = record.duty.unitId
        period = record.duty.period.description
        stage = record.state.stage
        confidential = record.state.confidential
        excused = record.state.excused
        excuseReason = record.state.excuseReason
        channel = record.state.firstChannel
        summary = showText ? record.summary : nil
        submittedAt = record.state.firstSubmittedAt?.rfc3339
        recordedAt = record.state.firstRecordedAt?.rfc3339
        returnCount = record.state.returnCount
        version = record.state.version
    }
}

/// `GET /v1/reports`: one page, the cursor of the next and a link to it.
struct ReportListPage: Codable, Sendable {
    var reports: [ReportListEntry]
    /// `readModel` (today's answer, from `reporting_duties`) or `log` (an answer at a cut, folded from the events).
    var answeredFrom: String
    var nextAfter: String?
    var next: String?
}

/// The parameters of `GET /v1/reports`, validated: every bad one is a 400 naming it.
struct ReportListQuery {
    /// The page size when `limit` is not given, and the largest accepted.
    static let defaultLimit = 50
    static let maximumLimit = 500

    var filter: DutyListFilter
    var after: ReportingDuty?
    var limit: Int

    init(_ query: QueryParameters) throws(APIError) {
        let unit = try query.string("unit", rule: UnitID.pattern, isValid: UnitID.isValid)
        let obligation = try query.string("obligation", rule: UnitID.pattern, isValid: UnitID.isValid)
        let period = try query.string(
            "period", rule: "a period like 2024-10, 2024-W42, 2024-Q3", isValid: { (try? Period(parsing: $0)) != nil })
        filter = DutyListFilter(unitId: unit, obligationId: obligation, period: period.flatMap { try? Period(parsing: $0) })
        after = try query.string("after", rule: "a report id from the previous page's nextAfter") { ReportID.duty($0) != nil }
            .flatMap(ReportID.duty)
        limit = Int(try query.integer("limit", in: 1...Int64(Self.maximumLimit), default: Int64(Self.defaultLimit)))
    }

    /// The link to the page after `cursor`, with the same parameters and the same cut of the log.
    func next(after cursor: ReportingDuty, cut: ReadCut) -> String {
        var parts: [(String, String)] = []
        if let unit = filter.unitId { parts.append(("unit", unit)) }
        if let obligation = filter.obligationId { parts.append(("obligation", obligation)) }
        if let period = filter.period { parts.append(("period", period.description)) }
        if let asOf = cut.recordedUpTo { parts.append(("asOf", asOf.rfc3339)) }
        if let atPosition = cut.upToPosition { parts.append(("atPosition", String(atPosition))) }
        parts.append(("after", ReportID.make(cursor)))
        parts.append(("limit", String(limit)))
        return "/v1/reports?" + parts.map { "\($0.0)=\($0.1.addingPercentEncodingForQuery() ?? "")" }.joined(separator: "&")
    }
}
