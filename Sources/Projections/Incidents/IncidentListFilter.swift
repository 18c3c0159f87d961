import Events

/// What a reader asked of the incident list, already validated. `matches` is the rule for rows
/// folded from the events; `IncidentListSQL` states the same rule in SQL over `incident_versions`.
public struct IncidentListFilter: Sendable, Hashable {
    public var status: IncidentStatus?
    /// Incidents that concern this unit (named when logged, assigned or escalated to).
    public var unitId: String?
    /// Incidents that concern any of these units (a subtree, `under=`); nil = no restriction.
    public var anyOfUnits: Set<String>?
    /// What the token may see: incidents that concern one of these units; nil = everything.
    public var visibleUnits: Set<String>?
    public var source: IncidentSource?
    public var severity: IncidentSeverity?
    /// An exact topic.
    public var topic: String?
    /// Overdue (a running clock past due) at `at`, or not.
    public var overdue: Bool?
    public var hotSpot: Bool?
    /// Free text; every word must be found (diacritic- and case-insensitive).
    public var text: String?
    /// The instant the question is about (`asOf`, or now): decides `overdue`.
    public var at: Timestamp

    /// A filter that lets everything through, evaluated at `at`.
    public init(at: Timestamp) {
        self.at = at
    }

    /// Whether a row passes every condition.
    public func matches(_ row: IncidentRow) -> Bool {
        if let status, row.status != status { return false }
        if let unitId, !row.units.contains(unitId) { return false }
        if let anyOfUnits, !row.units.contains(where: anyOfUnits.contains) { return false }
        if let visibleUnits, !row.units.contains(where: visibleUnits.contains) { return false }
        if let source, row.source != source { return false }
        if let severity, row.severity != severity { return false }
        if let topic, !row.topics.contains(topic) { return false }
        if let overdue, row.isOverdue(at: at) != overdue { return false }
        if let hotSpot, row.hotSpot != hotSpot { return false }
        if let text, !IncidentSearchText.matches(query: text, document: row.searchDocument) { return false }
        return true
    }

    /// Whether the filter can match nothing without asking (a query without words, an empty unit set).
    public var isEmptyForSure: Bool {
        if let text, IncidentSearchText.words(text).isEmpty { return true }
        if let anyOfUnits, anyOfUnits.isEmpty { return true }
        if let visibleUnits, visibleUnits.isEmpty { return true }
        if let topic, topic.unicodeScalars.contains("\u{0}") { return true }
        return false
    }
}

/// One page of the list and the cursor to the next, if there is more.
public struct IncidentPage: Sendable, Hashable {
    public var rows: [IncidentRow]
    public var next: IncidentCursor?

    /// Creates a page.
    public init(rows: [IncidentRow], next: IncidentCursor?) {
        self.rows = rows
        self.next = next
    }

    /// The page of `rows` (in any order) after `after`, sorted by `order`, with at most `limit` rows.
    public static func of(
        _ rows: [IncidentRow], filter: IncidentListFilter, order: IncidentListOrder, after: IncidentCursor?, limit: Int
    ) -> IncidentPage {
        guard !filter.isEmptyForSure else { return IncidentPage(rows: [], next: nil) }
        let sorted = rows.filter { row in filter.matches(row) && (after.map { order.isAfter(row, $0) } ?? true) }
            .sorted(by: order.precedes)
        let page = Array(sorted.prefix(limit))
        let next = sorted.count > limit ? page.last.map { IncidentCursor(after: $0, in: order) } : nil
        return IncidentPage(rows: page, next: next)
    }
}
