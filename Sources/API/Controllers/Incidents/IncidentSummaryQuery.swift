import Events

/// The parameters of `GET /v1/incidents/summary`, validated.
struct IncidentSummaryQuery {
    var under: String?
    /// The first local day of the window (Asia/Ho_Chi_Minh).
    var from: LocalDate
    /// The last local day of the window, included.
    var to: LocalDate

    /// Defaults: `to` is the day of the instant asked about (`at`), `from` 29 days earlier (30 days in all).
    init(_ query: QueryParameters, at: Timestamp, clock: LedgerClock) throws(APIError) {
        under = try query.string("under", rule: UnitID.pattern, isValid: UnitID.isValid)
        to = try query.localDate("to") ?? clock.date(of: at)
        from = try query.localDate("from") ?? to.adding(days: -29) ?? LocalDate.earliest
    }

    /// The window as instants: from the start of `from` to the start of the day after `to`, local
    /// time. A `from` after `to` gives an empty window (nothing counted), not an error.
    func window(in clock: LedgerClock) -> (from: Timestamp, to: Timestamp) {
        let start = from.instant(at: .midnight, in: clock.timeZone)
        let end = to.adding(days: 1)?.instant(at: .midnight, in: clock.timeZone) ?? Timestamp(microsecondsSinceEpoch: .max)
        return (start, max(start, end))
    }
}
