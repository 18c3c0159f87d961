import Events

/// One expected reporter's compliance for an obligation and period, at an instant.
public struct ComplianceRow: Sendable, Hashable, Codable {
    public var unitId: String
    public var unitName: String
    public var status: ComplianceStatus
    public var stage: DutyState.Stage
    public var reportId: String?
    public var submittedAt: Timestamp?
    public var confidential: Bool
    /// The report's summary; never given for confidential reports.
    public var summary: String?
    /// How the report came in, given when its filing was recorded later than it was received (a
    /// receipt entered after the fact, whose `submittedAt` is the stated receipt time).
    public var channel: ReportChannel?
    /// When that filing was entered in the ledger; given with `channel`.
    public var recordedAt: Timestamp?
}

/// Counts of each status and the on-time rate (on time out of everything that was due and not excused).
public struct ComplianceCounts: Sendable, Hashable, Codable {
    public var expected = 0
    public var notDue = 0
    public var onTime = 0
    public var late = 0
    public var overdue = 0
    public var excused = 0

    /// No rows counted yet.
    public init() {}

    /// On time ÷ (on time + late + overdue); nil when nothing was due yet.
    public var onTimeRate: Double? {
        let due = onTime + late + overdue
        return due == 0 ? nil : Double(onTime) / Double(due)
    }

    /// Adds another set of counts (e.g. another obligation's) to these.
    public mutating func add(_ other: ComplianceCounts) {
        expected += other.expected
        notDue += other.notDue
        onTime += other.onTime
        late += other.late
        overdue += other.overdue
        excused += other.excused
    }

    /// Counts one row.
    public mutating func add(_ status: ComplianceStatus) {
        expected += 1
        switch status {
        case .notDue: notDue += 1
        case .onTime: onTime += 1
        case .late: late += 1
        case .overdue: overdue += 1
        case .excused: excused += 1
        }
    }
}

/// The pure core of every compliance answer: expected reporters × what their duty streams say,
/// evaluated against the deadline at one instant.
public enum ComplianceTable {
    /// One row per expected unit, in the order given. `records` are keyed by unit id and must hold
    /// only what was recorded up to `asOf` when answering for the past.
    public static func rows(
        expected: [UnitView], records: [String: DutyRecord], deadline: Timestamp, asOf: Timestamp
    ) -> [ComplianceRow] {
        expected.map { unit in
            let state = records[unit.id]?.state ?? .initial
            let status = ComplianceStatus.evaluate(
                deadline: deadline, firstSubmittedAt: state.firstSubmittedAt, excused: state.excused, asOf: asOf)
            let recordedLater = state.firstRecordedAt.map { recorded in state.firstSubmittedAt.map { recorded > $0 } ?? false } ?? false
            return ComplianceRow(
                unitId: unit.id, unitName: unit.name, status: status, stage: state.stage, reportId: state.reportId,
                submittedAt: state.firstSubmittedAt, confidential: state.confidential,
                summary: state.confidential ? nil : records[unit.id]?.summary,
                channel: recordedLater ? state.firstChannel : nil, recordedAt: recordedLater ? state.firstRecordedAt : nil)
        }
    }

    /// Counts per child of `root` (each row goes to the child whose subtree holds its unit; rows for
    /// `root` itself count under `root`), plus the total.
    public static func rollUp(
        _ rows: [ComplianceRow], under root: String, directory: UnitDirectory, on date: LocalDate
    ) -> (total: ComplianceCounts, byChild: [String: ComplianceCounts]) {
        var total = ComplianceCounts()
        var byChild: [String: ComplianceCounts] = [:]
        for row in rows {
            total.add(row.status)
            let path = [row.unitId] + directory.lineage(of: row.unitId, on: date)
            guard let index = path.firstIndex(of: root) else { continue }
            let child = index == 0 ? root : path[index - 1]
            byChild[child, default: ComplianceCounts()].add(row.status)
        }
        return (total, byChild)
    }
}
