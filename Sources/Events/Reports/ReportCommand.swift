/// What can be asked of a reporting duty.
public enum ReportCommand: Sendable, Hashable {
    /// File the report; `receivedAt` is set when the recipient records a report that came by
    /// another channel, and then decides timeliness.
    case file(reportId: String, content: ReportContent, confidential: Bool, channel: ReportChannel, receivedAt: Timestamp?)
    case amend(ReportContent)
    case returnToUnit(reason: String)
    case resubmit(ReportContent)
    case accept
    case excuse(reason: String)
}

/// The text of a report.
public struct ReportContent: Sendable, Hashable, Codable {
    public var summary: String
    public var body: String
    public var topics: [String]

    /// Creates report content.
    public init(summary: String, body: String, topics: [String] = []) {
        self.summary = summary
        self.body = body
        self.topics = topics
    }
}

/// What the decider needs to know about the duty's obligation for its period.
public struct DutyTerms: Sendable, Hashable {
    /// Whether the obligation applies to this unit and period at all.
    public var applies: Bool
    /// Whether a confidential (mật) report may be filed under it.
    public var confidentialAllowed: Bool
    /// When the period's data window opens (`ObligationTerms.dataWindowOpens(for:)`): nothing is
    /// filed, and no receipt is dated, before it; nil: no bound.
    public var windowOpensAt: Timestamp?
    /// When the reporting unit came into being (the start of its registration day); nil: no bound.
    public var unitExistsFrom: Timestamp?

    /// Creates the terms.
    public init(applies: Bool, confidentialAllowed: Bool, windowOpensAt: Timestamp? = nil, unitExistsFrom: Timestamp? = nil) {
        self.applies = applies
        self.confidentialAllowed = confidentialAllowed
        self.windowOpensAt = windowOpensAt
        self.unitExistsFrom = unitExistsFrom
    }
}

/// Why a report command was refused.
public enum ReportRuleViolation: Error, Sendable, Hashable {
    /// A report exists for this duty already: amend it instead.
    case alreadyFiled(reportId: String)
    case noReport
    case notExpected
    case confidentialNotAllowed
    case receivedInTheFuture
    /// Filed through the API before the period's data window opened.
    case periodNotOpen(Period, opensAt: Timestamp)
    /// A receipt dated before the period's data window opened.
    case receivedBeforeWindow(Period, opensAt: Timestamp)
    /// A receipt dated (or a filing made) before the reporting unit existed.
    case beforeUnitExisted(unitId: String, existsFrom: Timestamp, receipt: Bool)
    case wrongStage(ReportCommandName, stage: DutyState.Stage)
    case alreadyExcused
    case invalidText(field: String, reason: String)

    /// A sentence for the problem document's `detail`.
    public var message: String {
        switch self {
        case .alreadyFiled(let id): return "a report (\(id)) is already filed for this obligation, unit and period; amend it instead"
        case .noReport: return "no report is filed for this obligation, unit and period"
        case .notExpected: return "the obligation does not ask this unit to report for this period"
        case .confidentialNotAllowed: return "this obligation does not accept confidential reports"
        case .receivedInTheFuture: return "receivedAt must not be in the future"
        case .periodNotOpen(let period, let opensAt):
            return "the data window of period \(period) opens at \(opensAt.rfc3339); its report cannot be filed before then"
        case .receivedBeforeWindow(let period, let opensAt):
            return "receivedAt is before the data window of period \(period) opens (\(opensAt.rfc3339))"
        case .beforeUnitExisted(let unitId, let existsFrom, let receipt):
            return (receipt ? "receivedAt is" : "the filing is") + " before unit \(unitId) existed (from \(existsFrom.rfc3339))"
        case .wrongStage(let command, let stage): return "cannot \(command.rawValue) a report that is \(stage.rawValue)"
        case .alreadyExcused: return "the unit is already excused for this period"
        case .invalidText(let field, let reason): return "\(field) \(reason)"
        }
    }

    /// The request field at fault, when there is one.
    public var field: String? {
        switch self {
        case .confidentialNotAllowed: return "confidential"
        case .receivedInTheFuture, .receivedBeforeWindow: return "receivedAt"
        case .periodNotOpen: return "period"
        case .beforeUnitExisted(_, _, let receipt): return receipt ? "receivedAt" : "unitId"
        case .invalidText(let field, _): return field
        default: return nil
        }
    }
}

/// Names of report commands, for messages.
public enum ReportCommandName: String, Sendable, Hashable {
    case amend, returnToUnit = "return", resubmit, accept, excuse
}
