/// One dated version of a clock rule: from `effectiveFrom` (a local date in Asia/Ho_Chi_Minh) on,
/// clocks of kind `clock` whose incident meets `condition` run for `allowance`, on `legalBasis`.
public struct ClockRule: Sendable, Hashable, Codable {
    /// Stable id of the rule (the same across its revisions), e.g. `first-information`.
    public var ruleId: String
    public var clock: ClockKind
    /// The first local date on which a clock starting that day takes this version.
    public var effectiveFrom: LocalDate
    public var allowance: ClockAllowance
    /// The legal text it comes from, e.g. "Decree 244/2026/ND-CP Art. 7".
    public var legalBasis: String
    public var condition: ClockCondition

    /// Creates a rule version.
    public init(
        ruleId: String, clock: ClockKind, effectiveFrom: LocalDate, allowance: ClockAllowance, legalBasis: String,
        condition: ClockCondition = .always
    ) {
        self.ruleId = ruleId
        self.clock = clock
        self.effectiveFrom = effectiveFrom
        self.allowance = allowance
        self.legalBasis = legalBasis
        self.condition = condition
    }
}

/// The rule for clock rule ids: `^[a-z0-9][a-z0-9-]{0,63}$`.
public enum ClockRuleID {
    /// The pattern, as the OpenAPI document shows it.
    public static let pattern = IncidentID.pattern

    /// Whether `text` is an acceptable rule id.
    public static func isValid(_ text: String) -> Bool { IncidentID.matchesPattern(text) }
}
