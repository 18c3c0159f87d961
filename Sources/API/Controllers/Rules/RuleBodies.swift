import Events

/// The allowance as the API takes and shows it.
struct AllowanceBody: Codable, Sendable {
    var amount: Int
    var unit: ClockAllowance.Unit
}

/// `POST /v1/rules`: a new clock rule with its first version.
struct DefineRuleBody: Codable, Sendable {
    var id: String
    var clock: ClockKind
    var effectiveFrom: LocalDate
    var allowance: AllowanceBody
    var legalBasis: String
    var condition: ClockCondition?

    var rule: ClockRule {
        ClockRule(
            ruleId: id, clock: clock, effectiveFrom: effectiveFrom,
            allowance: ClockAllowance(amount: allowance.amount, unit: allowance.unit), legalBasis: legalBasis,
            condition: condition ?? .always)
    }
}

/// `POST /v1/rules/{id}/revisions`: a dated version of the rule (the law changed from that day).
struct ReviseRuleBody: Codable, Sendable {
    var effectiveFrom: LocalDate
    var allowance: AllowanceBody
    var legalBasis: String
    var condition: ClockCondition?

    /// The revised version of rule `ruleId`, which keeps its clock.
    func rule(ruleId: String, clock: ClockKind) -> ClockRule {
        ClockRule(
            ruleId: ruleId, clock: clock, effectiveFrom: effectiveFrom,
            allowance: ClockAllowance(amount: allowance.amount, unit: allowance.unit), legalBasis: legalBasis,
            condition: condition ?? .always)
    }
}

/// `POST /v1/rules/{id}/retire`.
struct RetireRuleBody: Codable, Sendable {
    var effectiveFrom: LocalDate
    var reason: String
}

/// A clock rule as the API shows it: every dated version, and its retirement.
struct RuleResource: Codable, Sendable {
    struct Version: Codable, Sendable {
        var effectiveFrom: LocalDate
        var allowance: AllowanceBody
        var legalBasis: String
        var condition: ClockCondition
    }
    var id: String
    var clock: ClockKind
    var versions: [Version]
    var retiredFrom: LocalDate?
    var retiredReason: String?
    var definedAt: String
    var updatedAt: String
    /// The `clock-rules` stream's version (the ETag of every rule).
    var version: Int64
    var position: Int64?

    init(_ entry: ClockRuleBook.Entry, version: Int64, position: Int64? = nil) {
        id = entry.ruleId
        clock = entry.clock
        versions = entry.versions.map {
            Version(
                effectiveFrom: $0.effectiveFrom, allowance: AllowanceBody(amount: $0.allowance.amount, unit: $0.allowance.unit),
                legalBasis: $0.legalBasis, condition: $0.condition)
        }
        retiredFrom = entry.retiredFrom
        retiredReason = entry.retiredReason
        definedAt = entry.definedAt.rfc3339
        updatedAt = entry.updatedAt.rfc3339
        self.version = version
        self.position = position
    }
}
