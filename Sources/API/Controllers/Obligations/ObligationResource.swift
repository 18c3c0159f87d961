import Events
import Foundation

/// An obligation as the API shows it: its current terms (flattened), every version, its retirement,
/// and, when a period was asked for, what applies to that period.
struct ObligationResource: Encodable, Sendable {
    var id: String
    var status: String
    var effectiveFrom: Period
    var terms: ObligationTerms
    var lastPeriod: Period?
    var versions: [ObligationVersionResource]
    var forPeriod: ObligationPeriodResource?
    var version: Int64
    var position: Int64?

    init(_ state: ObligationState, forPeriod: ObligationPeriodResource? = nil, position: Int64? = nil) {
        let current = state.current!
        id = state.obligationId ?? ""
        status = state.isRetired ? "retired" : "active"
        effectiveFrom = current.effectiveFrom
        terms = current.terms
        lastPeriod = state.lastPeriod
        versions = state.versions.map(ObligationVersionResource.init)
        self.forPeriod = forPeriod
        version = state.version
        self.position = position
    }

    private enum CodingKeys: String, CodingKey {
        case id, status, effectiveFrom, lastPeriod, versions, forPeriod, version, position
    }

    func encode(to encoder: any Encoder) throws {
        try terms.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(status, forKey: .status)
        try container.encode(effectiveFrom, forKey: .effectiveFrom)
        try container.encodeIfPresent(lastPeriod, forKey: .lastPeriod)
        try container.encode(versions, forKey: .versions)
        try container.encodeIfPresent(forPeriod, forKey: .forPeriod)
        try container.encode(version, forKey: .version)
        try container.encodeIfPresent(position, forKey: .position)
    }
}

/// One version of the terms with the first period it applies to.
struct ObligationVersionResource: Encodable, Sendable {
    var effectiveFrom: Period
    var terms: ObligationTerms

    init(_ version: ObligationState.Version) {
        effectiveFrom = version.effectiveFrom
        terms = version.terms
    }

    private enum CodingKeys: String, CodingKey { case effectiveFrom }

    func encode(to encoder: any Encoder) throws {
        try terms.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(effectiveFrom, forKey: .effectiveFrom)
    }
}

/// What applies to one period: the version in force, the due date, the deadline with the obligation's
/// local offset (`2024-10-23T00:00:00+07:00`) and the data window.
struct ObligationPeriodResource: Encodable, Sendable {
    var period: Period
    var effectiveFrom: Period
    var terms: ObligationTerms
    var dueDate: LocalDate
    var deadline: String
    var dataWindow: DataWindow

    /// The period's terms, or nil when the obligation does not apply to it.
    init?(_ state: ObligationState, period: Period) {
        guard let version = state.version(for: period), let dueDate = try? version.terms.schedule.dueDate(for: period),
            let deadline = try? version.terms.deadline(for: period)
        else { return nil }
        self.period = period
        effectiveFrom = version.effectiveFrom
        terms = version.terms
        self.dueDate = dueDate
        self.deadline = LocalInstant.rfc3339(deadline, in: version.terms.zone)
        dataWindow = version.terms.dataWindow(for: period)
    }
}

/// A page of obligations.
struct ObligationList: Encodable, Sendable {
    var obligations: [ObligationResource]
    /// Pass as `after` for the next page; absent at the end.
    var nextAfter: String?
}
