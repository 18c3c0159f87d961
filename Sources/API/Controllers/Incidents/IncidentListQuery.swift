import Events
import Projections

/// The parameters of `GET /v1/incidents`, validated: every bad one is a 400 naming it.
struct IncidentListQuery {
    var status: IncidentStatus?
    var unit: String?
    var under: String?
    var source: IncidentSource?
    var severity: IncidentSeverity?
    var topic: String?
    var overdue: Bool?
    var hotSpot: Bool?
    var text: String?
    var order: IncidentListOrder
    var after: IncidentCursor?
    var limit: Int

    /// The longest topic accepted, in characters (as the schema counts them: scalars).
    static let maximumTopicLength = 200

    init(_ query: QueryParameters) throws(APIError) {
        status = try Self.value("status", query, IncidentStatus.self)
        unit = try query.string("unit", rule: UnitID.pattern, isValid: UnitID.isValid)
        under = try query.string("under", rule: UnitID.pattern, isValid: UnitID.isValid)
        source = try Self.value("source", query, IncidentSource.self)
        severity = try Self.value("severity", query, IncidentSeverity.self)
        topic = try query.string("topic", rule: "1 to \(Self.maximumTopicLength) characters") {
            (1...Self.maximumTopicLength).contains($0.unicodeScalars.count)
        }
        overdue = try query.boolean("overdue")
        hotSpot = try query.boolean("hotspot")
        text = try query.string("q", rule: "1 to \(IncidentSearchText.maximumQueryLength) characters") {
            (1...IncidentSearchText.maximumQueryLength).contains($0.unicodeScalars.count)
        }
        let sort = try query.string("sort", rule: IncidentListOrder.allCases.map(\.rawValue).joined(separator: ", ")) {
            IncidentListOrder(rawValue: $0) != nil
        }
        order = sort.flatMap(IncidentListOrder.init(rawValue:)) ?? .default
        after = try query.string("after", rule: "a cursor from the previous page's nextAfter") { IncidentCursor($0) != nil }
            .flatMap(IncidentCursor.init)
        limit = Int(try query.integer("limit", in: 1...500, default: 50))
    }

    private static func value<T: RawRepresentable & CaseIterable>(
        _ name: String, _ query: QueryParameters, _ type: T.Type
    ) throws(APIError) -> T? where T.RawValue == String {
        let rule = T.allCases.map(\.rawValue).joined(separator: ", ")
        return try query.string(name, rule: "one of \(rule)") { T(rawValue: $0) != nil }.flatMap(T.init(rawValue:))
    }

    /// The filter for the rows, evaluated at `at`, limited to what the token may see.
    func filter(at: Timestamp, subtree: Set<String>?, visible: Set<String>?) -> IncidentListFilter {
        var filter = IncidentListFilter(at: at)
        filter.status = status
        filter.unitId = unit
        filter.anyOfUnits = subtree
        filter.visibleUnits = visible
        filter.source = source
        filter.severity = severity
        filter.topic = topic
        filter.overdue = overdue
        filter.hotSpot = hotSpot
        filter.text = text
        return filter
    }

    /// The link to the page after `cursor`, with the same parameters (and the same cut of the log).
    func next(after cursor: IncidentCursor, cut: ReadCut) -> String {
        var parts: [(String, String)] = []
        if let status { parts.append(("status", status.rawValue)) }
        if let unit { parts.append(("unit", unit)) }
        if let under { parts.append(("under", under)) }
        if let source { parts.append(("source", source.rawValue)) }
        if let severity { parts.append(("severity", severity.rawValue)) }
        if let topic { parts.append(("topic", topic)) }
        if let overdue { parts.append(("overdue", String(overdue))) }
        if let hotSpot { parts.append(("hotspot", String(hotSpot))) }
        if let text { parts.append(("q", text)) }
        parts.append(("sort", order.rawValue))
        if let asOf = cut.recordedUpTo { parts.append(("asOf", asOf.rfc3339)) }
        if let atPosition = cut.upToPosition { parts.append(("atPosition", String(atPosition))) }
        parts.append(("after", cursor.description))
        parts.append(("limit", String(limit)))
        return "/v1/incidents?" + parts.map { "\($0.0)=\($0.1.addingPercentEncodingForQuery() ?? "")" }.joined(separator: "&")
    }
}
