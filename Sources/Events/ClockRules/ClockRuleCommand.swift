/// What an admin can do with clock rules.
public enum ClockRuleCommand: Sendable, Hashable {
    /// Define a new rule; `rule.effectiveFrom` is its first version's date.
    case define(ClockRule)
    /// Add (or, on the same date, replace) a dated version of an existing rule; `rule.clock` must not change.
    case revise(ClockRule)
    /// Retire a rule from a date on.
    case retire(ruleId: String, effectiveFrom: LocalDate, reason: String)
}

/// Why a clock-rule command was refused.
public enum ClockRuleViolation: Error, Sendable, Hashable {
    /// No rule with this id.
    case notDefined(ruleId: String)
    case alreadyDefined(ruleId: String)
    /// The rule is retired; nothing more can change it.
    case retired(ruleId: String, from: LocalDate)
    /// A revision names another clock than the rule's.
    case clockChanged(ruleId: String, clock: ClockKind)
    /// `verification` clocks come from assignments, not rules.
    case notRuled(ClockKind)
    /// A field breaks its limits.
    case invalidField(field: String, reason: String)
    /// The revision repeats the version already in force from that date.
    case nothingChanges(ruleId: String, from: LocalDate)

    /// A sentence for the problem document's `detail`.
    public var message: String {
        switch self {
        case .notDefined(let id): return "no clock rule \(id)"
        case .alreadyDefined(let id): return "clock rule \(id) is already defined; revise it instead"
        case .retired(let id, let from): return "clock rule \(id) is retired from \(from)"
        case .clockChanged(let id, let clock):
            return "clock rule \(id) is for \(clock.rawValue) clocks; define a new rule for another clock"
        case .notRuled(let clock): return "\(clock.rawValue) clocks are set by assignments, not by rules"
        case .invalidField(let field, let reason): return "\(field) \(reason)"
        case .nothingChanges(let id, let from): return "clock rule \(id) already has exactly this version from \(from)"
        }
    }

    /// The request field at fault.
    public var field: String? {
        switch self {
        case .clockChanged, .notRuled: return "clock"
        case .invalidField(let field, _): return field
        default: return nil
        }
    }

    /// The rule's state the refusal is about, for the problem document's `state`.
    public var state: String? {
        switch self {
        case .retired: return "retired"
        case .alreadyDefined: return "defined"
        default: return nil
        }
    }
}

/// Decides the events of a clock-rule command against the rule book. Pure.
public enum ClockRuleDecider {
    /// The longest legal basis accepted.
    public static let maximumLegalBasisLength = 1_000

    /// The events for `command` given the current `book`.
    public static func decide(_ command: ClockRuleCommand, book: ClockRuleBook, now: Timestamp) throws(ClockRuleViolation)
        -> [ClockRuleEvent]
    {
        switch command {
        case .define(let rule):
            guard book.entries[rule.ruleId] == nil else { throw .alreadyDefined(ruleId: rule.ruleId) }
            return [.defined(ClockRuleDefined(rule: try validated(rule), definedAt: now))]
        case .revise(let rule):
            let entry = try existing(rule.ruleId, book)
            guard rule.clock == entry.clock else { throw .clockChanged(ruleId: rule.ruleId, clock: entry.clock) }
            let rule = try validated(rule)
            guard !entry.versions.contains(rule) else { throw .nothingChanges(ruleId: rule.ruleId, from: rule.effectiveFrom) }
            return [.revised(ClockRuleRevised(rule: rule, revisedAt: now))]
        case .retire(let ruleId, let effectiveFrom, let reason):
            _ = try existing(ruleId, book)
            return [
                .retired(
                    ClockRuleRetired(
                        ruleId: ruleId, effectiveFrom: effectiveFrom, reason: try text(reason, field: "reason", limit: maximumReasonLength),
                        retiredAt: now))
            ]
        }
    }

    private static func existing(_ ruleId: String, _ book: ClockRuleBook) throws(ClockRuleViolation) -> ClockRuleBook.Entry {
        guard let entry = book.entries[ruleId] else { throw .notDefined(ruleId: ruleId) }
        if let retired = entry.retiredFrom { throw .retired(ruleId: ruleId, from: retired) }
        return entry
    }

    /// The longest retirement reason, in Unicode scalars.
    public static let maximumReasonLength = 2_000

    /// Checks a rule version's fields; the shell calls it before loading the book.
    public static func validated(_ rule: ClockRule) throws(ClockRuleViolation) -> ClockRule {
        var rule = rule
        guard ClockRuleID.isValid(rule.ruleId) else { throw .invalidField(field: "id", reason: "must match \(ClockRuleID.pattern)") }
        guard rule.clock != .verification else { throw .notRuled(rule.clock) }
        guard (0...ClockAllowance.maximumAmount).contains(rule.allowance.amount) else {
            throw .invalidField(field: "allowance.amount", reason: "must be 0 to \(ClockAllowance.maximumAmount)")
        }
        rule.legalBasis = try text(rule.legalBasis, field: "legalBasis", limit: maximumLegalBasisLength)
        return rule
    }

    /// Checks one free-text field (length, no U+0000, not blank) and trims it; the shell calls it to
    /// refuse a bad body before any state is loaded or any version compared.
    public static func text(_ value: String, field: String, limit: Int) throws(ClockRuleViolation) -> String {
        switch value.checkedText(limit: limit) {
        case .success(let text): return text
        case .failure(let refusal): throw .invalidField(field: field, reason: refusal.reason)
        }
    }
}
