/// Every clock rule with its dated versions and retirement: what `clock-rules` says. Pure; built by
/// folding `ClockRuleEvent`s, asked which version applies to a clock starting on a given date.
public struct ClockRuleBook: Sendable, Hashable {
    /// One rule over time.
    public struct Entry: Sendable, Hashable, Codable {
        public var ruleId: String
        public var clock: ClockKind
        /// Its versions, earliest `effectiveFrom` first; no two share a date.
        public var versions: [ClockRule]
        /// From this date on the rule no longer applies.
        public var retiredFrom: LocalDate?
        public var retiredReason: String?
        public var definedAt: Timestamp
        /// When the last event about it was recorded.
        public var updatedAt: Timestamp

        /// The version in effect for a clock starting on `date`, nil before the first or once retired.
        public func version(on date: LocalDate) -> ClockRule? {
            if let retiredFrom, date >= retiredFrom { return nil }
            return versions.last { $0.effectiveFrom <= date }
        }
    }

    /// The rules by id.
    public var entries: [String: Entry] = [:]
    /// The `clock-rules` stream version folded so far.
    public var version: Int64 = 0

    /// An empty book.
    public static let empty = ClockRuleBook()

    /// Creates a book from entries (tests, fixtures).
    public init(entries: [Entry] = [], version: Int64 = 0) {
        self.entries = Dictionary(entries.map { ($0.ruleId, $0) }, uniquingKeysWith: { _, last in last })
        self.version = version
    }

    /// A book holding exactly these rule versions (grouped by rule id), for tests and seeds.
    public init(rules: [ClockRule], at instant: Timestamp = Timestamp(microsecondsSinceEpoch: 0)) {
        var book = ClockRuleBook()
        for rule in rules {
            if book.entries[rule.ruleId] == nil {
                book = Self.evolve(book, .defined(ClockRuleDefined(rule: rule, definedAt: instant)))
            } else {
                book = Self.evolve(book, .revised(ClockRuleRevised(rule: rule, revisedAt: instant)))
            }
        }
        self = book
    }

    /// The rules sorted by id.
    public var sortedEntries: [Entry] { entries.values.sorted { $0.ruleId < $1.ruleId } }

    /// Folds one event into the book.
    public static func evolve(_ book: ClockRuleBook, _ event: ClockRuleEvent) -> ClockRuleBook {
        var book = book
        book.version += 1
        switch event {
        case .defined(let e):
            book.entries[e.rule.ruleId] = Entry(
                ruleId: e.rule.ruleId, clock: e.rule.clock, versions: [e.rule], retiredFrom: nil, retiredReason: nil,
                definedAt: e.definedAt, updatedAt: e.definedAt)
        case .revised(let e):
            guard var entry = book.entries[e.rule.ruleId] else { return book }
            entry.versions.removeAll { $0.effectiveFrom == e.rule.effectiveFrom }
            entry.versions.append(e.rule)
            entry.versions.sort { $0.effectiveFrom < $1.effectiveFrom }
            entry.updatedAt = e.revisedAt
            book.entries[e.rule.ruleId] = entry
        case .retired(let e):
            guard var entry = book.entries[e.ruleId] else { return book }
            entry.retiredFrom = e.effectiveFrom
            entry.retiredReason = e.reason
            entry.updatedAt = e.retiredAt
            book.entries[e.ruleId] = entry
        }
        return book
    }

    /// The version that governs a clock of kind `clock` starting on `date` for an incident meeting
    /// `holds`: among rules of that kind whose version in effect on `date` meets the condition, the one
    /// with the latest `effectiveFrom` (ties: the smallest rule id).
    public func rule(for clock: ClockKind, on date: LocalDate, where holds: (ClockCondition) -> Bool) -> ClockRule? {
        sortedEntries.compactMap { entry -> ClockRule? in
            guard entry.clock == clock, let version = entry.version(on: date), holds(version.condition) else { return nil }
            return version
        }.max { lhs, rhs in
            lhs.effectiveFrom != rhs.effectiveFrom ? lhs.effectiveFrom < rhs.effectiveFrom : lhs.ruleId > rhs.ruleId
        }
    }
}
