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

    private static func validTitle(_ title: String) throws(ObligationRuleViolation) -> String {
        let limit = ObligationDecider.maximumTitleLength
        guard title.unicodeScalars.count <= limit else { throw .invalidTitle("must be at most \(limit) characters") }
        guard !title.unicodeScalars.contains("\u{0}") else { throw .invalidTitle("must not contain U+0000") }
        let trimmed = title.collapsingBlanks()
        guard !trimmed.isEmpty else { throw .invalidTitle("must not be blank") }
        return trimmed
    }
}
