/// An obligation was set up: its terms apply from `effectiveFrom` (a period of the schedule's kind) on.
/// The payload holds the terms' fields next to `obligationId` and `effectiveFrom`.
public struct ObligationDefined: DomainEvent, Hashable {
    public static let eventType = "ObligationDefined"
    public static let schemaVersion: Int32 = 1
    public var obligationId: String
    public var effectiveFrom: Period
    public var terms: ObligationTerms

    /// Creates the event.
    public init(obligationId: String, effectiveFrom: Period, terms: ObligationTerms) {
        self.obligationId = obligationId
        self.effectiveFrom = effectiveFrom
        self.terms = terms
    }

    private enum CodingKeys: String, CodingKey { case obligationId, effectiveFrom }

    /// Decodes the flat payload: `obligationId`, `effectiveFrom` and the terms' fields side by side.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        obligationId = try container.decode(String.self, forKey: .obligationId)
        effectiveFrom = try container.decode(Period.self, forKey: .effectiveFrom)
        terms = try ObligationTerms(from: decoder)
    }

    /// Encodes the flat payload: `obligationId`, `effectiveFrom` and the terms' fields side by side.
    public func encode(to encoder: any Encoder) throws {
        try terms.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(obligationId, forKey: .obligationId)
        try container.encode(effectiveFrom, forKey: .effectiveFrom)
    }
}

/// An obligation's terms were replaced, in full, from `effectiveFrom` on; earlier periods keep the
/// terms they had. The payload has the same shape as `ObligationDefined`.
public struct ObligationRevised: DomainEvent, Hashable {
    public static let eventType = "ObligationRevised"
    public static let schemaVersion: Int32 = 1
    public var obligationId: String
    public var effectiveFrom: Period
    public var terms: ObligationTerms

    /// Creates the event.
    public init(obligationId: String, effectiveFrom: Period, terms: ObligationTerms) {
        self.obligationId = obligationId
        self.effectiveFrom = effectiveFrom
        self.terms = terms
    }

    /// Decodes the same flat payload as `ObligationDefined`.
    public init(from decoder: any Decoder) throws {
        let defined = try ObligationDefined(from: decoder)
        self.init(obligationId: defined.obligationId, effectiveFrom: defined.effectiveFrom, terms: defined.terms)
    }

    /// Encodes the same flat payload as `ObligationDefined`.
    public func encode(to encoder: any Encoder) throws {
        try ObligationDefined(obligationId: obligationId, effectiveFrom: effectiveFrom, terms: terms).encode(to: encoder)
    }
}

/// An obligation ended: `lastPeriod` is the last period it applies to; nothing changes after this.
public struct ObligationRetired: DomainEvent, Hashable {
    public static let eventType = "ObligationRetired"
    public static let schemaVersion: Int32 = 1
    public var obligationId: String
    public var lastPeriod: Period
    public var reason: String?

    /// Creates the event.
    public init(obligationId: String, lastPeriod: Period, reason: String? = nil) {
        self.obligationId = obligationId
        self.lastPeriod = lastPeriod
        self.reason = reason
    }
}
