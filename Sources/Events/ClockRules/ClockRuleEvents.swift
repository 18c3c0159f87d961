/// An admin defined a clock rule; its first version applies from `rule.effectiveFrom` on.
/// The payload is the rule's fields, flat.
public struct ClockRuleDefined: DomainEvent, Hashable {
    public static let eventType = "ClockRuleDefined"
    public static let schemaVersion: Int32 = 1
    public var rule: ClockRule
    public var definedAt: Timestamp

    /// Creates the event.
    public init(rule: ClockRule, definedAt: Timestamp) {
        self.rule = rule
        self.definedAt = definedAt
    }

    private enum CodingKeys: String, CodingKey { case definedAt }

    /// Decodes the flat payload.
    public init(from decoder: any Decoder) throws {
        rule = try ClockRule(from: decoder)
        definedAt = try decoder.container(keyedBy: CodingKeys.self).decode(Timestamp.self, forKey: .definedAt)
    }

    /// Encodes the flat payload.
    public func encode(to encoder: any Encoder) throws {
        try rule.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(definedAt, forKey: .definedAt)
    }
}

/// An admin added a version of a rule from `rule.effectiveFrom` on (the law changed); clocks that start
/// earlier keep the version they had. A revision with the same date as an existing version replaces it.
public struct ClockRuleRevised: DomainEvent, Hashable {
    public static let eventType = "ClockRuleRevised"
    public static let schemaVersion: Int32 = 1
    public var rule: ClockRule
    public var revisedAt: Timestamp

    /// Creates the event.
    public init(rule: ClockRule, revisedAt: Timestamp) {
        self.rule = rule
        self.revisedAt = revisedAt
    }

    private enum CodingKeys: String, CodingKey { case revisedAt }

    /// Decodes the flat payload.
    public init(from decoder: any Decoder) throws {
        rule = try ClockRule(from: decoder)
        revisedAt = try decoder.container(keyedBy: CodingKeys.self).decode(Timestamp.self, forKey: .revisedAt)
    }

    /// Encodes the flat payload.
    public func encode(to encoder: any Encoder) throws {
        try rule.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(revisedAt, forKey: .revisedAt)
    }
}

/// An admin retired a rule: clocks that start on or after `effectiveFrom` no longer take it.
public struct ClockRuleRetired: DomainEvent, Hashable {
    public static let eventType = "ClockRuleRetired"
    public static let schemaVersion: Int32 = 1
    public var ruleId: String
    public var effectiveFrom: LocalDate
    public var reason: String
    public var retiredAt: Timestamp

    /// Creates the event.
    public init(ruleId: String, effectiveFrom: LocalDate, reason: String, retiredAt: Timestamp) {
        self.ruleId = ruleId
        self.effectiveFrom = effectiveFrom
        self.reason = reason
        self.retiredAt = retiredAt
    }
}

/// Every event of the `clock-rules` stream.
public enum ClockRuleEvent: Sendable, Hashable {
    case defined(ClockRuleDefined)
    case revised(ClockRuleRevised)
    case retired(ClockRuleRetired)

    /// The single stream all clock rules live on.
    public static let stream = StreamID("clock-rules")!

    /// The type names, for filtered reads.
    public static let eventTypes = [ClockRuleDefined.eventType, ClockRuleRevised.eventType, ClockRuleRetired.eventType]

    /// The event ready to append.
    public func newEvent() throws -> NewEvent {
        switch self {
        case .defined(let e): return try NewEvent(e)
        case .revised(let e): return try NewEvent(e)
        case .retired(let e): return try NewEvent(e)
        }
    }

    /// Decodes a recorded clock-rule event; nil for other types.
    public init?(_ recorded: RecordedEvent, decoder: EventDecoder = EventDecoder()) throws {
        switch recorded.type {
        case ClockRuleDefined.eventType: self = .defined(try decoder.decode(recorded))
        case ClockRuleRevised.eventType: self = .revised(try decoder.decode(recorded))
        case ClockRuleRetired.eventType: self = .retired(try decoder.decode(recorded))
        default: return nil
        }
    }
}
