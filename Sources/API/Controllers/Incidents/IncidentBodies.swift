import Events

/// `POST /v1/incidents`: a monitor logs an item. With `duplicateOf` (or a URL already known) it becomes a
/// sighting of the existing incident instead.
struct LogIncidentBody: Codable, Sendable {
    struct PressRequestBody: Codable, Sendable {
        var kind: PressRequest.Kind
        var receivedAt: String
    }
    var source: IncidentSource
    var outlet: String
    var url: String?
    var publishedAt: String
    var author: String?
    var title: String
    var summary: String
    var topics: [String]?
    var unitIds: [String]
    var severity: IncidentSeverity
    var reach: Int64?
    var hotSpot: Bool?
    var pressRequest: PressRequestBody?
    var duplicateOf: String?

    /// The draft (with a placeholder id; intake sets the real one), times parsed.
    func draft() throws -> IncidentDraft {
        for (index, unitId) in unitIds.enumerated() where !UnitID.isValid(unitId) {
            throw APIError(.invalidBody, "unitIds[\(index)] must match \(UnitID.pattern)", field: "unitIds[\(index)]")
        }
        let request = try pressRequest.map {
            PressRequest(kind: $0.kind, receivedAt: try IncidentTime.parse($0.receivedAt, field: "pressRequest.receivedAt"))
        }
        return try IncidentDecider.validated(
            IncidentDraft(
                incidentId: "pending", source: source, outlet: outlet, url: url,
                publishedAt: try IncidentTime.parse(publishedAt, field: "publishedAt"), author: author, title: title, summary: summary,
                topics: topics ?? [], unitIds: unitIds, severity: severity, reach: reach, hotSpot: hotSpot ?? false,
                pressRequest: request))
    }
}

/// `POST /v1/incidents/{id}/sightings`.
struct SightingBody: Codable, Sendable {
    var source: IncidentSource
    var outlet: String
    var url: String?
    var publishedAt: String
    var author: String?
    var title: String?
    var reach: Int64?

    func draft() throws -> SightingDraft {
        try IncidentDecider.validated(
            SightingDraft(
                source: source, outlet: outlet, url: url, publishedAt: try IncidentTime.parse(publishedAt, field: "publishedAt"),
                author: author, title: title, reach: reach))
    }
}

/// `POST /v1/incidents/{id}/assignments`.
struct AssignIncidentBody: Codable, Sendable {
    var unitId: String
    var dueAt: String
    var note: String?
}

/// `POST /v1/incidents/{id}/escalations`; without `toUnitId` the nearest superior unit.
struct EscalateIncidentBody: Codable, Sendable {
    var toUnitId: String?
    var reason: String
}

/// `POST /v1/incidents/{id}/verification`.
struct VerifyIncidentBody: Codable, Sendable {
    var outcome: VerificationOutcome
    var findings: String
    var evidence: [String]?
}

/// `POST /v1/incidents/{id}/responses`.
struct IssueResponseBody: Codable, Sendable {
    var kind: ResponseKind
    var channel: String
    var targetOutlet: String?
    var outletPeriodicity: OutletPeriodicity?
    var content: String
    var issuedAt: String?
}

/// `POST /v1/incidents/{id}/responses/{responseId}/correction`.
struct RecordCorrectionBody: Codable, Sendable {
    var outlet: String
    var url: String?
    var publishedAt: String
}

/// `POST /v1/incidents/{id}/resolution`.
struct ResolveIncidentBody: Codable, Sendable {
    var resolution: String
}

/// `POST /v1/incidents/{id}/reopen`.
struct ReopenIncidentBody: Codable, Sendable {
    var reason: String
}

/// `POST /v1/incidents/{id}/close` takes an empty object.
struct CloseIncidentBody: Codable, Sendable {}

/// `POST /v1/incidents/{id}/merge`.
struct MergeIncidentBody: Codable, Sendable {
    var into: String
    var reason: String?
}

/// RFC 3339 instants in incident bodies.
enum IncidentTime {
    static func parse(_ text: String, field: String) throws -> Timestamp {
        guard let instant = Timestamp(rfc3339: text) else {
            throw APIError(.invalidBody, "\(field) must be an RFC 3339 instant with an offset", field: field)
        }
        return instant
    }
}
