/// What an obligation's stream says: each version of its terms with the period it starts at, and its
/// retirement. The decider checks commands against it; readers ask it which terms apply to a period.
public struct ObligationState: Sendable, Hashable {
    /// One version of the terms and the first period it applies to.
    public struct Version: Sendable, Hashable {
        public var effectiveFrom: Period
        public var terms: ObligationTerms

        /// Creates a version.
        public init(effectiveFrom: Period, terms: ObligationTerms) {
            self.effectiveFrom = effectiveFrom
            self.terms = terms
        }
    }

    /// The stream version (0 before the obligation is defined).
    public var version: Int64 = 0
    public var obligationId: String?
    /// The versions in the order they start (each starts after the one before).
    public var versions: [Version] = []
    /// The last period the obligation applies to, once retired.
    public var lastPeriod: Period?

    /// The state before any event.
    public static let initial = ObligationState()

    /// Folds one event into the state (the decider's `evolve`).
    public static func evolve(_ state: ObligationState, _ event: ObligationEvent) -> ObligationState {
        var state = state
        state.version += 1
        switch event {
        case .defined(let e):
            state.obligationId = e.obligationId
            state.versions = [Version(effectiveFrom: e.effectiveFrom, terms: e.terms)]
        case .revised(let e):
            state.versions.append(Version(effectiveFrom: e.effectiveFrom, terms: e.terms))
        case .retired(let e):
            state.lastPeriod = e.lastPeriod
        }
        return state
    }

    /// Whether the obligation has been retired.
    public var isRetired: Bool { lastPeriod != nil }

    /// The latest version of the terms.
    public var current: Version? { versions.last }

    /// The version in force for `period`: the latest one starting on or before the period's first day,
    /// if the period is of its schedule's kind (and, for a one-off, is its period); nil before the
    /// first version and after the last period of a retired obligation.
    public func version(for period: Period) -> Version? {
        if let lastPeriod, period.firstDay > lastPeriod.lastDay { return nil }
        guard let version = versions.last(where: { $0.effectiveFrom.firstDay <= period.firstDay }) else { return nil }
        guard (try? version.terms.schedule.dueDate(for: period)) != nil else { return nil }
        return version
    }

    /// The terms in force for `period`, or nil when the obligation does not apply to it.
    public func terms(for period: Period) -> ObligationTerms? {
        version(for: period)?.terms
    }
}

extension ObligationState: Codable {}
extension ObligationState.Version: Codable {}
