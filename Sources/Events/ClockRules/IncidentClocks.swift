import Foundation

/// Evaluates an incident's clocks from its state and the rule book. Pure: the instant and zone come in.
///
/// - `firstInformation` starts at the item's publication and is met by the first official response,
///   information to the press or rebuttal;
/// - `pressAnswer` / `petitionMeasures` start when the press request was received and are met by the
///   first official response or information to the press;
/// - `outletCorrection` runs per correction request from its issue and is met by the outlet's correction;
/// - `verification` runs from the assignment to its due time and is met by the verification.
/// The rule is the version in effect on the clock's start date (local date in `timeZone`).
public enum IncidentClocks {
    /// The incident's clocks as of `at`.
    public static func evaluate(
        _ state: IncidentState, rules: ClockRuleBook, at: Timestamp, timeZone: TimeZone = LedgerClock.vietnam
    ) -> [IncidentClock] {
        guard state.exists else { return [] }
        var clocks: [IncidentClock] = []
        let answers = state.responses.filter { $0.kind == .officialResponse || $0.kind == .informationProvided }
        let statements = state.responses.filter { $0.kind == .officialResponse || $0.kind == .informationProvided || $0.kind == .rebuttal }
        func ruled(_ kind: ClockKind, start: Timestamp, periodicity: OutletPeriodicity? = nil, metAt: Timestamp?, responseId: String? = nil)
        {
            guard let date = LocalDate(start, in: timeZone),
                let rule = rules.rule(
                    for: kind, on: date, where: { $0.holds(severity: state.severity, hotSpot: state.hotSpot, periodicity: periodicity) })
            else { return }
            let due = rule.allowance.dueAt(from: start, in: timeZone)
            clocks.append(
                clock(kind, rule: rule, responseId: responseId, start: start, due: due, metAt: metAt, state: state, at: at))
        }
        ruled(.firstInformation, start: state.publishedAt, metAt: statements.map(\.issuedAt).min())
        if let request = state.pressRequest {
            let kind: ClockKind = request.kind == .answerRequest ? .pressAnswer : .petitionMeasures
            ruled(kind, start: request.receivedAt, metAt: answers.map(\.issuedAt).filter { $0 >= request.receivedAt }.min())
        }
        for request in state.responses where request.kind == .correctionRequest {
            let published = state.corrections.filter { $0.responseId == request.responseId }.map(\.publishedAt).min()
            ruled(
                .outletCorrection, start: request.issuedAt, periodicity: request.outletPeriodicity, metAt: published,
                responseId: request.responseId)
        }
        if let assignedAt = state.assignedAt, let dueAt = state.dueAt {
            let met = state.isVerified ? state.verification?.completedAt : nil
            clocks.append(clock(.verification, rule: nil, responseId: nil, start: assignedAt, due: dueAt, metAt: met, state: state, at: at))
        }
        return clocks
    }

    /// The instant the incident stopped being open, when it is not open now.
    static func leftOpenAt(_ state: IncidentState) -> Timestamp? {
        switch state.status {
        case .open: return nil
        case .resolved: return state.resolvedAt
        case .closed: return state.closedAt ?? state.resolvedAt
        case .merged: return state.mergedAt
        }
    }

    private static func clock(
        _ kind: ClockKind, rule: ClockRule?, responseId: String?, start: Timestamp, due: Timestamp?, metAt: Timestamp?,
        state: IncidentState, at: Timestamp
    ) -> IncidentClock {
        let late = metAt.map { met in due.map { met > $0 } ?? false } ?? false
        let end = min(at, leftOpenAt(state) ?? at)
        let overdue = metAt == nil && due.map { end > $0 } == true
        let status: IncidentClock.Status =
            metAt != nil ? (late ? .late : .met) : overdue ? .overdue : state.status == .open ? .running : .stopped
        return IncidentClock(
            clock: kind, ruleId: rule?.ruleId, legalBasis: rule?.legalBasis, responseId: responseId, startedAt: start,
            dueAt: due, metAt: metAt, overdue: overdue, late: late, status: status)
    }
}
