/// Decides which events an obligation command produces, or why it is refused. Pure: the obligation's
/// state, the time and the known units come in as values. A revision or a retirement never touches a
/// period whose deadline has passed, so it never changes an earlier period's compliance.
public enum ObligationDecider {
    /// The longest title accepted.
    public static let maximumTitleLength = 300
    /// The longest description accepted.
    public static let maximumDescriptionLength = 4000

    /// Checks what can be checked without the obligation's state, the time or the unit tree: the terms
    /// in themselves and that `effectiveFrom` is one of the schedule's periods. Callers run it first so a
    /// malformed request is refused as such before any state is read; `decide` runs it again.
    public static func checkTerms(_ terms: ObligationTerms, effectiveFrom: Period) throws(ObligationRuleViolation) {
        let terms = try ObligationTermsRules.intrinsic(terms)
        try ObligationTermsRules.checkInSchedule(effectiveFrom, terms.schedule, field: "effectiveFrom")
        try ObligationTermsRules.checkCutOffs(terms, from: effectiveFrom)
    }

    /// The events for `command` given the obligation's `state` and the `facts`.
    public static func decide(
        _ command: ObligationCommand, state: ObligationState, facts: ObligationFacts
    ) throws(ObligationRuleViolation) -> [ObligationEvent] {
        switch command {
        case .define(let obligationId, let effectiveFrom, let terms):
            guard state.version == 0 else { throw .alreadyDefined(obligationId: state.obligationId ?? obligationId) }
            let terms = try ObligationTermsRules.valid(terms, facts: facts)
            try ObligationTermsRules.checkInSchedule(effectiveFrom, terms.schedule, field: "effectiveFrom")
            try ObligationTermsRules.checkCutOffs(terms, from: effectiveFrom)
            return [.defined(ObligationDefined(obligationId: obligationId, effectiveFrom: effectiveFrom, terms: terms))]

        case .revise(let effectiveFrom, let terms):
            let (obligationId, current) = try changeable(state)
            let terms = try ObligationTermsRules.valid(terms, facts: facts)
            try ObligationTermsRules.checkInSchedule(effectiveFrom, terms.schedule, field: "effectiveFrom")
            try ObligationTermsRules.checkCutOffs(terms, from: effectiveFrom)
            if let later = state.versions.last(where: { $0.effectiveFrom.firstDay >= effectiveFrom.firstDay }) {
                throw .notAfterEarlierVersion(effectiveFrom, earlierStart: later.effectiveFrom)
            }
            guard terms != current.terms else { throw .nothingChanges }
            try checkOpen(effectiveFrom, under: terms, facts, field: "effectiveFrom")
            if let displaced = firstPeriod(of: current.terms.schedule, from: effectiveFrom.firstDay) {
                try checkOpen(displaced, under: current.terms, facts, field: "effectiveFrom")
            }
            return [.revised(ObligationRevised(obligationId: obligationId, effectiveFrom: effectiveFrom, terms: terms))]

        case .retire(let lastPeriod, let reason):
            let (obligationId, current) = try changeable(state)
            let kind = current.terms.schedule.periodKind
            guard lastPeriod.kind == kind else {
                throw .periodNotInSchedule(lastPeriod, .periodKindMismatch(expected: kind, period: lastPeriod), field: "lastPeriod")
            }
            if let beforeStart = current.effectiveFrom.previous, lastPeriod < beforeStart {
                throw .retireBeforeCurrentVersion(lastPeriod, currentStart: current.effectiveFrom)
            }
            if let firstDropped = lastPeriod.next, let version = state.version(for: firstDropped) {
                try checkOpen(firstDropped, under: version.terms, facts, field: "lastPeriod")
            }
            return [.retired(ObligationRetired(obligationId: obligationId, lastPeriod: lastPeriod, reason: reason))]
        }
    }

    private static func changeable(
        _ state: ObligationState
    ) throws(ObligationRuleViolation) -> (String, ObligationState.Version) {
        guard let obligationId = state.obligationId, let current = state.current else { throw .notDefined }
        if let lastPeriod = state.lastPeriod { throw .retired(lastPeriod: lastPeriod) }
        return (obligationId, current)
    }

    /// Refuses when `period`'s deadline under `terms` is at or before `now`: that period is settled.
    private static func checkOpen(
        _ period: Period, under terms: ObligationTerms, _ facts: ObligationFacts, field: String
    ) throws(ObligationRuleViolation) {
        guard let deadline = try? terms.deadline(for: period) else { return }
        guard deadline > facts.now else { throw .deadlinePassed(period, deadline: deadline, field: field) }
    }

    /// The schedule's first period starting on or after `date`, if it has one.
    static func firstPeriod(of schedule: Schedule, from date: LocalDate) -> Period? {
        let period = schedule.period(containing: date)
        if case .oneOff = schedule { return period.firstDay >= date ? period : nil }
        return period.firstDay < date ? period.next : period
    }
}
