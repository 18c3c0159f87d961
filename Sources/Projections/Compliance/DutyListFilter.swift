import Events

/// Which reporting duties a list shows, and their order: by obligation, then unit, then period (byte
/// order of the ids, as `COLLATE "C"` in SQL), so the read model and a fold of the log page alike.
public struct DutyListFilter: Sendable, Hashable {
    public var unitId: String?
    public var obligationId: String?
    public var period: Period?

    /// Creates a filter; nil members match everything.
    public init(unitId: String? = nil, obligationId: String? = nil, period: Period? = nil) {
        self.unitId = unitId
        self.obligationId = obligationId
        self.period = period
    }

    /// Whether `duty` is in the list.
    public func matches(_ duty: ReportingDuty) -> Bool {
        (unitId == nil || duty.unitId == unitId) && (obligationId == nil || duty.obligationId == obligationId)
            && (period == nil || duty.period == period)
    }

    /// The list's order.
    public static func precedes(_ a: ReportingDuty, _ b: ReportingDuty) -> Bool {
        for (x, y) in [(a.obligationId, b.obligationId), (a.unitId, b.unitId), (a.period.description, b.period.description)]
        where x != y {
            return x.utf8.lexicographicallyPrecedes(y.utf8)
        }
        return false
    }

    /// One page of `records` (any order): those matching, after `after`, in order, at most `limit`,
    /// and whether more follow.
    public func page(_ records: some Sequence<DutyRecord>, after: ReportingDuty?, limit: Int) -> (records: [DutyRecord], more: Bool) {
        let sorted = records.filter { record in
            matches(record.duty) && (after.map { Self.precedes($0, record.duty) } ?? true)
        }.sorted { Self.precedes($0.duty, $1.duty) }
        return (Array(sorted.prefix(limit)), sorted.count > limit)
    }
}
