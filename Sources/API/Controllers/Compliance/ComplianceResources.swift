import Events
import Projections

/// One expected reporter's row in a compliance answer.
struct ComplianceRowResource: Codable, Sendable {
    var unitId: String
    var unitName: String
    /// `notDue`, `onTime`, `late`, `overdue` or `excused`.
    var status: String
    /// How late (late) or how long overdue (overdue), in seconds.
    var bySeconds: Int64?
    var stage: DutyState.Stage
    var reportId: String?
    var submittedAt: String?
    var confidential: Bool
    var summary: String?
    /// `paper` or `documentSystem` (or `api`), when the filing was recorded later than it was received.
    var channel: ReportChannel?
    /// When such a filing was entered in the ledger (`submittedAt` is the stated receipt time).
    var recordedAt: String?

    init(_ row: ComplianceRow, duty: ReportingDuty, includeSummary: Bool) {
        unitId = row.unitId
        unitName = row.unitName
        switch row.status {
        case .notDue: status = "notDue"
        case .onTime: status = "onTime"
        case .late(let seconds): (status, bySeconds) = ("late", seconds)
        case .overdue(let seconds): (status, bySeconds) = ("overdue", seconds)
        case .excused: status = "excused"
        }
        stage = row.stage
        reportId = row.reportId == nil ? nil : ReportID.make(duty)
        submittedAt = row.submittedAt?.rfc3339
        confidential = row.confidential
        summary = includeSummary ? row.summary : nil
        channel = row.channel
        recordedAt = row.recordedAt?.rfc3339
    }
}

/// Counts and on-time rate.
struct ComplianceCountsResource: Codable, Sendable {
    var expected: Int
    var notDue: Int
    var onTime: Int
    var late: Int
    var overdue: Int
    var excused: Int
    var onTimeRate: Double?

    init(_ counts: ComplianceCounts) {
        expected = counts.expected
        notDue = counts.notDue
        onTime = counts.onTime
        late = counts.late
        overdue = counts.overdue
        excused = counts.excused
        onTimeRate = counts.onTimeRate
    }
}

/// `GET /v1/compliance` and `GET /v1/consolidations/…`: one row per expected unit.
struct ComplianceTableResource: Codable, Sendable {
    var obligationId: String
    var period: String
    /// The deadline, in the obligation's local time.
    var deadline: String
    var asOf: String
    var atPosition: Int64?
    var counts: ComplianceCountsResource
    var rows: [ComplianceRowResource]
}

/// `GET /v1/compliance/summary`: counts in total and per child unit.
struct ComplianceSummaryResource: Codable, Sendable {
    struct Child: Codable, Sendable {
        var unitId: String
        var unitName: String
        var counts: ComplianceCountsResource
    }
    /// The unit summed up; absent when the whole ledger was (per top-level unit).
    var under: String?
    var period: String
    var asOf: String
    var atPosition: Int64?
    var obligations: [String]
    var total: ComplianceCountsResource
    var children: [Child]
}
