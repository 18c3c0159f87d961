import Events

/// One incident as the list shows it and the `open_incidents` table stores it: the columns the
/// filters and orders need, derived from the write side's `IncidentState` and the clock rules.
public struct IncidentRow: Sendable, Hashable {
    public var incidentId: String
    public var status: IncidentStatus
    public var source: IncidentSource
    public var outlet: String
    public var url: String?
    public var title: String
    public var summary: String
    public var topics: [String]
    /// The units named when the incident was logged.
    public var unitIds: [String]
    public var assignedUnitId: String?
    /// Every unit the incident concerns (named, assigned, escalated to), sorted: what `unit=` and `under=` look at.
    public var units: [String]
    public var severity: IncidentSeverity
    public var reach: Int64?
    public var hotSpot: Bool
    /// Sightings added after the first logging.
    public var sightingCount: Int
    public var publishedAt: Timestamp
    public var loggedAt: Timestamp
    /// The due time of the current assignment (verification and response).
    public var assignmentDueAt: Timestamp?
    /// The earliest due time among the clocks still running; nil when none runs or the incident is not open.
    public var nextDueAt: Timestamp?
    public var mergedInto: String?
    public var lastEventAt: Timestamp
    /// The words the incident is found by (see `IncidentSearchText.document`), before unaccent.
    public var searchDocument: String
    /// The incident stream's version.
    public var version: Int64
    /// The log position of the last incident event folded in.
    public var lastPosition: Int64

    /// Whether a running clock is past due at `instant` (only open incidents have running clocks).
    public func isOverdue(at instant: Timestamp) -> Bool {
        guard status == .open, let nextDueAt else { return false }
        return nextDueAt < instant
    }
}

extension IncidentRow {
    /// The row of an incident's state under the rule book: the same function feeds the table and the
    /// answers folded from the events, so both agree. Clocks are evaluated with the write side's
    /// `IncidentClocks` (their due times do not depend on the instant asked about; `overdue` does,
    /// and is decided from `nextDueAt` at read time).
    /// `searchDocument`, when given, is the state's search document already computed (it depends
    /// only on `searchParts(of:)`).
    public init(state: IncidentState, rules: ClockRuleBook, lastPosition: Int64, searchDocument: String? = nil) {
        let lastEventAt = state.lastEventAt ?? state.loggedAt
        let clocks = IncidentClocks.evaluate(state, rules: rules, at: lastEventAt)
        self.init(
            incidentId: state.incidentId, status: state.status, source: state.source, outlet: state.outlet, url: state.url,
            title: state.title, summary: state.summary, topics: state.topics, unitIds: state.unitIds,
            assignedUnitId: state.assignedUnitId, units: state.concernedUnits, severity: state.severity, reach: state.reach,
            hotSpot: state.hotSpot, sightingCount: state.sightings.count, publishedAt: state.publishedAt,
            loggedAt: state.loggedAt, assignmentDueAt: state.dueAt,
            nextDueAt: state.status == .open ? clocks.filter { $0.metAt == nil }.compactMap(\.dueAt).min() : nil,
            mergedInto: state.mergedInto, lastEventAt: lastEventAt,
            searchDocument: searchDocument ?? IncidentSearchText.document(Self.searchParts(of: state)),
            version: state.version, lastPosition: lastPosition)
    }

    /// The texts an incident is found by: title, summary, outlet, topics and the sightings' titles.
    public static func searchParts(of state: IncidentState) -> [String] {
        [state.title, state.summary, state.outlet] + state.topics + state.sightings.compactMap(\.title)
    }
}
