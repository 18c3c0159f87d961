import Events
import Foundation

/// An `open_incidents` row as JSON, the shape rows travel in both ways: written with one
/// `jsonb_to_recordset` statement per page, read back with `row_to_json`. Instants are microseconds.
struct StoredIncidentRow: Codable {
    var incident_id: String
    var status: String
    var source: String
    var outlet: String
    var url: String?
    var title: String
    var summary: String
    var topics: [String]
    var unit_ids: [String]
    var assigned_unit_id: String?
    var units: [String]
    var severity: String
    var severity_rank: Int16
    var reach: Int64?
    var hot_spot: Bool
    var sighting_count: Int
    var published_at: Int64
    var logged_at: Int64
    var assignment_due_at: Int64?
    var next_due_at: Int64?
    var merged_into: String?
    var last_event_at: Int64
    /// Written: the Swift search document (the statement applies `lower(unaccent(…))`); read: `search_text`.
    var search_document: String
    var version: Int64
    var last_position: Int64
    /// Written only: the incident's own events.
    var events: [StoredIncidentEvent]?

    init(_ row: IncidentRow, events: [StoredIncidentEvent]?) {
        incident_id = row.incidentId
        status = row.status.rawValue
        source = row.source.rawValue
        outlet = row.outlet
        url = row.url
        title = row.title
        summary = row.summary
        topics = row.topics
        unit_ids = row.unitIds
        assigned_unit_id = row.assignedUnitId
        units = row.units
        severity = row.severity.rawValue
        severity_rank = row.severity.rank
        reach = row.reach
        hot_spot = row.hotSpot
        sighting_count = row.sightingCount
        published_at = row.publishedAt.microsecondsSinceEpoch
        logged_at = row.loggedAt.microsecondsSinceEpoch
        assignment_due_at = row.assignmentDueAt?.microsecondsSinceEpoch
        next_due_at = row.nextDueAt?.microsecondsSinceEpoch
        merged_into = row.mergedInto
        last_event_at = row.lastEventAt.microsecondsSinceEpoch
        search_document = row.searchDocument
        version = row.version
        last_position = row.lastPosition
        self.events = events
    }

    /// The row as the list uses it; nil when a stored enum value is unknown to this code.
    var row: IncidentRow? {
        guard let status = IncidentStatus(rawValue: status), let source = IncidentSource(rawValue: source),
            let severity = IncidentSeverity(rawValue: severity)
        else { return nil }
        return IncidentRow(
            incidentId: incident_id, status: status, source: source, outlet: outlet, url: url, title: title, summary: summary,
            topics: topics, unitIds: unit_ids, assignedUnitId: assigned_unit_id, units: units, severity: severity, reach: reach,
            hotSpot: hot_spot, sightingCount: sighting_count, publishedAt: Timestamp(microsecondsSinceEpoch: published_at),
            loggedAt: Timestamp(microsecondsSinceEpoch: logged_at),
            assignmentDueAt: assignment_due_at.map(Timestamp.init(microsecondsSinceEpoch:)),
            nextDueAt: next_due_at.map(Timestamp.init(microsecondsSinceEpoch:)), mergedInto: merged_into,
            lastEventAt: Timestamp(microsecondsSinceEpoch: last_event_at), searchDocument: search_document, version: version,
            lastPosition: last_position)
    }
}

/// One of an incident's events as the read model keeps it: enough of the envelope to decode and
/// upcast it again.
struct StoredIncidentEvent: Codable, Hashable {
    var position: Int64
    var stream: String
    var version: Int64
    var type: String
    var schemaVersion: Int32
    var data: JSONValue
    var recordedAt: Int64

    init(position: Int64, stream: String, version: Int64, type: String, schemaVersion: Int32, data: JSONValue, recordedAt: Int64) {
        self.position = position
        self.stream = stream
        self.version = version
        self.type = type
        self.schemaVersion = schemaVersion
        self.data = data
        self.recordedAt = recordedAt
    }

    init(_ event: RecordedEvent) {
        position = event.position
        stream = event.streamId.rawValue
        version = event.streamVersion
        type = event.type
        schemaVersion = event.schemaVersion
        data = event.data
        recordedAt = event.recordedAt.microsecondsSinceEpoch
    }

    private static let noId = UUID(uuidString: "00000000-0000-0000-0000-000000000000")!

    /// The event again, with the parts of the envelope no reducer reads left empty.
    var recorded: RecordedEvent? {
        guard let streamId = StreamID(stream) else { return nil }
        return RecordedEvent(
            position: position, id: Self.noId, streamId: streamId, streamVersion: version, type: type,
            schemaVersion: schemaVersion, data: data, metadata: EventMetadata(actor: .system("open-incidents")),
            recordedAt: Timestamp(microsecondsSinceEpoch: recordedAt), previousHash: "", hash: "")
    }
}
