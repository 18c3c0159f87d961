/// What a client can ask of an obligation.
public enum ObligationCommand: Sendable, Hashable {
    /// Set up a new obligation whose terms apply from `effectiveFrom` on.
    case define(obligationId: String, effectiveFrom: Period, terms: ObligationTerms)
    /// Replace the terms, in full, from `effectiveFrom` on.
    case revise(effectiveFrom: Period, terms: ObligationTerms)
    /// End the obligation after `lastPeriod`.
    case retire(lastPeriod: Period, reason: String?)
}

/// Facts a command depends on, looked up by the caller before deciding: the time, and which units exist.
public struct ObligationFacts: Sendable, Hashable {
    /// The instant the command is decided at; periods whose deadline is at or before it are settled.
    public var now: Timestamp
    /// The ids of every registered unit (active or not), for reference checks.
    public var knownUnitIds: Set<String>

    /// Creates the facts.
    public init(now: Timestamp, knownUnitIds: Set<String> = []) {
        self.now = now
        self.knownUnitIds = knownUnitIds
    }
}
