import Events

/// `POST /v1/obligations`: an optional id next to the terms.
struct DefineObligationBody: Codable, Sendable {
    /// Optional readable id (`^[a-z0-9][a-z0-9-]{0,63}$`); a UUID is made when absent.
    var id: String?
    var terms: ObligationTermsBody

    private enum CodingKeys: String, CodingKey { case id }

    init(from decoder: any Decoder) throws {
        id = try decoder.container(keyedBy: CodingKeys.self).decodeIfPresent(String.self, forKey: .id)
        terms = try ObligationTermsBody(from: decoder)
    }

    func encode(to encoder: any Encoder) throws {
        try terms.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(id, forKey: .id)
    }
}

/// `POST /v1/obligations/{id}/revisions` (and the terms of a definition): the full terms, and the
/// first period they apply to.
struct ObligationTermsBody: Codable, Sendable {
    var title: String
    var description: String?
    var reporters: ReporterSelection
    var recipientUnitId: String
    var schedule: Schedule
    /// IANA zone id (default Asia/Ho_Chi_Minh).
    var timeZone: String?
    var confidentialAllowed: Bool?
    /// How each period's data window is set (`{"cutOffDay":14}` or `{"cutOffDaysBeforeDue":1}`); absent
    /// for the default.
    var dataWindow: DataWindowRule?
    /// The first period the terms apply to, of the schedule's kind; must be absent for a one-off
    /// schedule, whose one period it is.
    var effectiveFrom: Period?

    /// The terms with defaults filled in; ids and list sizes that the decider does not know about are
    /// checked here (400 naming the field).
    func terms() throws(APIError) -> ObligationTerms {
        guard UnitID.isValid(recipientUnitId) else {
            throw APIError(.invalidBody, "recipientUnitId must match \(UnitID.pattern)", field: "recipientUnitId")
        }
        switch reporters {
        case .units(let ids):
            guard ids.count <= ObligationID.maximumListedReporters else {
                throw APIError(.invalidBody, "list at most \(ObligationID.maximumListedReporters) units", field: "reporters.unitIds")
            }
            if ids.contains(where: { !UnitID.isValid($0) }) {
                throw APIError(.invalidBody, "every unit id must match \(UnitID.pattern)", field: "reporters.unitIds")
            }
        case .kinds(_, let under):
            guard UnitID.isValid(under) else {
                throw APIError(.invalidBody, "underUnitId must match \(UnitID.pattern)", field: "reporters.underUnitId")
            }
        }
        return ObligationTerms(
            title: title, description: description, reporters: reporters, recipientUnitId: recipientUnitId,
            schedule: schedule, timeZone: timeZone ?? ObligationTerms.defaultTimeZone,
            confidentialAllowed: confidentialAllowed ?? false, dataWindow: dataWindow)
    }

    /// The first period: the one-off schedule's period, the one given, or `fallback` for the schedule.
    func firstPeriod(fallback: (Schedule) -> Period) throws(APIError) -> Period {
        if case .oneOff(let dueDate, _) = schedule {
            guard effectiveFrom == nil else {
                throw APIError(
                    .invalidBody, "a one-off obligation applies to its one period (its due date); leave effectiveFrom out",
                    field: "effectiveFrom")
            }
            return .oneOff(dueDate)
        }
        return effectiveFrom ?? fallback(schedule)
    }
}

/// `POST /v1/obligations/{id}/retire`
struct RetireObligationBody: Codable, Sendable {
    /// The last period the obligation applies to, of its schedule's kind.
    var lastPeriod: Period
    var reason: String?
}

/// Obligation ids: readable slugs or UUIDs, like unit ids.
enum ObligationID {
    static let pattern = UnitID.pattern
    /// The most units an obligation may list by id.
    static let maximumListedReporters = 1000

    static func isValid(_ id: String) -> Bool { UnitID.isValid(id) }

    static func stream(_ id: String) -> StreamID { StreamID("obligation-\(id)")! }
}
