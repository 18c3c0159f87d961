/// The checks every version of an obligation's terms must pass, whether it defines or revises it.
enum ObligationTermsRules {
    /// The terms, normalised, checked in themselves and against the known units.
    static func valid(_ terms: ObligationTerms, facts: ObligationFacts) throws(ObligationRuleViolation) -> ObligationTerms {
        let terms = try intrinsic(terms)
        guard facts.knownUnitIds.contains(terms.recipientUnitId) else {
            throw .unknownUnit(terms.recipientUnitId, field: "recipientUnitId")
        }
        switch terms.reporters {
        case .units(let ids):
            if let unknown = ids.first(where: { !facts.knownUnitIds.contains($0) }) {
                throw .unknownUnit(unknown, field: "reporters.unitIds")
            }
        case .kinds(_, let under):
            guard facts.knownUnitIds.contains(under) else { throw .unknownUnit(under, field: "reporters.underUnitId") }
        }
        return terms
    }

    /// The terms, normalised (title spaces collapsed, duplicate reporters dropped), or what is wrong with
    /// them in themselves (title, description, schedule, reporters, time zone).
    static func intrinsic(_ terms: ObligationTerms) throws(ObligationRuleViolation) -> ObligationTerms {
        var terms = terms
        terms.title = try validTitle(terms.title)
        if let description = terms.description {
            let limit = ObligationDecider.maximumDescriptionLength
            guard description.unicodeScalars.count <= limit else { throw .invalidDescription("must be at most \(limit) characters") }
            guard !description.unicodeScalars.contains("\u{0}") else { throw .invalidDescription("must not contain U+0000") }
        }
        do {
            try terms.schedule.validate()
        } catch {
            throw .invalidSchedule(error)
        }
        terms.reporters = terms.reporters.deduplicated
        guard !terms.reporters.isEmpty else { throw .noReporters }
        if case .units(let ids) = terms.reporters, ids == [terms.recipientUnitId] {
            throw .recipientIsOnlyReporter(terms.recipientUnitId)
        }
        if let rule = terms.dataWindow, let reason = rule.mismatch(with: terms.schedule) { throw .invalidDataWindow(reason) }
        guard ObligationTerms.isKnownTimeZone(terms.timeZone) else { throw .unknownTimeZone(terms.timeZone) }
        return terms
    }

    /// Throws unless `period` is one of the schedule's periods (its kind; for a one-off, its date).
    static func checkInSchedule(_ period: Period, _ schedule: Schedule, field: String) throws(ObligationRuleViolation) {
        do {
            _ = try schedule.dueDate(for: period)
        } catch {
            throw .periodNotInSchedule(period, error, field: field)
        }
    }

    /// How many periods from the first one `checkCutOffs` looks at: 400 months cover the 28-year cycle
    /// of weekdays on dates; 400 weeks, quarters or years are as cheap.
    static let checkedPeriods = 400

    /// Decree 09/2019 Art. 8(5): at least one working day (Monday to Friday; public holidays are not
    /// known here) lies after each period's data cut-off and before its deadline — the deadline's own
    /// day counts when the deadline is after its start (15:00 on a Thursday). Checks the first
    /// `checkedPeriods` periods from `first`; a one-off report is ad hoc, outside the periodic regime.
    static func checkCutOffs(_ terms: ObligationTerms, from first: Period) throws(ObligationRuleViolation) {
        guard terms.schedule.periodKind != .oneOff, first.kind == terms.schedule.periodKind else { return }
        var period = first
        for _ in 0..<checkedPeriods {
            guard let deadline = try? terms.deadline(for: period),
                let lastDay = LocalDate(deadline.adding(microseconds: -1), in: terms.zone)
            else { return }
            let cutOff = terms.dataWindow(for: period).to
            var day = cutOff.adding(days: 1)
            var found = false
            while let current = day, current <= lastDay, !found {
                found = current.weekday != .saturday && current.weekday != .sunday
                day = current.adding(days: 1)
            }
            guard found else {
                throw .noWorkingDayAfterCutOff(
                    period, cutOff: cutOff, deadline: deadline, field: terms.dataWindow == nil ? "schedule" : "dataWindow")
            }
            guard let next = period.next else { return }
            period = next
        }
    }

    private static func validTitle(_ title: String) throws(ObligationRuleViolation) -> String {
        let limit = ObligationDecider.maximumTitleLength
        guard title.unicodeScalars.count <= limit else { throw .invalidTitle("must be at most \(limit) characters") }
        guard !title.unicodeScalars.contains("\u{0}") else { throw .invalidTitle("must not contain U+0000") }
        let trimmed = title.collapsingBlanks()
        guard !trimmed.isEmpty else { throw .invalidTitle("must not be blank") }
        return trimmed
    }
}
