/// Why an obligation command was refused; `field` names the request field at fault where there is one.
public enum ObligationRuleViolation: Error, Sendable, Hashable {
    case alreadyDefined(obligationId: String)
    case notDefined
    case retired(lastPeriod: Period)
    case invalidTitle(String)
    case invalidDescription(String)
    case invalidSchedule(ScheduleError)
    case noReporters
    /// The only unit listed to report is the recipient, which never reports to itself.
    case recipientIsOnlyReporter(String)
    /// The data window rule does not fit the schedule (or is out of range).
    case invalidDataWindow(String)
    /// Decree 09/2019 Art. 8(5): no working day between `period`'s data cut-off and its deadline.
    case noWorkingDayAfterCutOff(Period, cutOff: LocalDate, deadline: Timestamp, field: String)
    case unknownUnit(String, field: String)
    case unknownTimeZone(String)
    case periodNotInSchedule(Period, ScheduleError, field: String)
    case notAfterEarlierVersion(Period, earlierStart: Period)
    case deadlinePassed(Period, deadline: Timestamp, field: String)
    case retireBeforeCurrentVersion(Period, currentStart: Period)
    case nothingChanges

    /// A sentence for the problem document's `detail`.
    public var message: String {
        switch self {
        case .alreadyDefined(let id): return "obligation \(id) is already defined"
        case .notDefined: return "no such obligation"
        case .retired(let last): return "the obligation was retired after \(last); it can no longer change"
        case .invalidTitle(let reason): return "title \(reason)"
        case .invalidDescription(let reason): return "description \(reason)"
        case .invalidSchedule(let error): return error.description
        case .noReporters: return "name at least one reporting unit or unit kind"
        case .recipientIsOnlyReporter(let id):
            return "the only reporter listed is the recipient \(id), which never reports to itself; list the units that report to it"
        case .invalidDataWindow(let reason): return "dataWindow: \(reason)"
        case .noWorkingDayAfterCutOff(let period, let cutOff, let deadline, _):
            return
                "\(period): the data cut-off \(cutOff) leaves no working day before the deadline \(deadline) (Decree 09/2019 Art. 8(5) asks for at least one); "
                + "move the deadline later (dueDay/dueBy, dueMonthOffset, dueTime) or the cut-off earlier (dataWindow)"
        case .unknownUnit(let id, _): return "unit \(id) does not exist"
        case .unknownTimeZone(let id): return "'\(id)' is not a known IANA time zone, e.g. Asia/Ho_Chi_Minh"
        case .periodNotInSchedule(_, let error, _): return error.description
        case .notAfterEarlierVersion(let period, let earlier):
            return "a revision must start after every earlier version; \(period) is not after \(earlier)"
        case .deadlinePassed(let period, let deadline, _):
            return "the deadline of \(period) passed at \(deadline); settled periods cannot change"
        case .retireBeforeCurrentVersion(let period, let start):
            return "the last period \(period) is before the current terms start (\(start))"
        case .nothingChanges: return "the request changes nothing"
        }
    }

    /// The request field at fault, when there is one.
    public var field: String? {
        switch self {
        case .invalidTitle: return "title"
        case .invalidDescription: return "description"
        case .invalidSchedule: return "schedule"
        case .noReporters: return "reporters"
        case .recipientIsOnlyReporter: return "reporters.unitIds"
        case .invalidDataWindow: return "dataWindow"
        case .noWorkingDayAfterCutOff(_, _, _, let field): return field
        case .unknownUnit(_, let field), .periodNotInSchedule(_, _, let field), .deadlinePassed(_, _, let field): return field
        case .unknownTimeZone: return "timeZone"
        case .notAfterEarlierVersion: return "effectiveFrom"
        case .retireBeforeCurrentVersion: return "lastPeriod"
        default: return nil
        }
    }
}
