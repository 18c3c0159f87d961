import Events
import Hummingbird
import Projections

/// One incident in the list, as of the instant asked about.
struct IncidentRowResource: Codable, Sendable {
    var incidentId: String
    var status: String
    var source: String
    var outlet: String
    var url: String?
    var title: String
    var summary: String
    var topics: [String]
    var unitIds: [String]
    var assignedUnitId: String?
    var severity: String
    var reach: Int64?
    var hotSpot: Bool
    var sightings: Int
    var publishedAt: String
    var loggedAt: String
    var assignmentDueAt: String?
    /// The earliest due time among the clocks still running.
    var nextDueAt: String?
    /// A running clock is past due at the instant asked about.
    var overdue: Bool
    var mergedInto: String?
    var lastEventAt: String
    var version: Int64

    init(_ row: IncidentRow, at: Timestamp) {
        incidentId = row.incidentId
        status = row.status.rawValue
        source = row.source.rawValue
        outlet = row.outlet
        url = row.url
        title = row.title
        summary = row.summary
        topics = row.topics
        unitIds = row.unitIds
        assignedUnitId = row.assignedUnitId
        severity = row.severity.rawValue
        reach = row.reach
        hotSpot = row.hotSpot
        sightings = row.sightingCount
        publishedAt = row.publishedAt.rfc3339
        loggedAt = row.loggedAt.rfc3339
        assignmentDueAt = row.assignmentDueAt?.rfc3339
        nextDueAt = row.nextDueAt?.rfc3339
        overdue = row.isOverdue(at: at)
        mergedInto = row.mergedInto
        lastEventAt = row.lastEventAt.rfc3339
        version = row.version
    }
}

/// A page of `GET /v1/incidents`.
struct IncidentRowPage: Codable, Sendable, ResponseEncodable {
    var incidents: [IncidentRowResource]
    /// The instant the answer is about (`asOf`, the instant of `atPosition`, or now).
    var asOf: String
    /// The position the log was cut at, when asked.
    var atPosition: Int64?
    /// Where the answer came from: `readModel` (the live table) or `log` (the events folded up to the cut).
    var answeredFrom: String
    /// The cursor of the next page (`after=`); absent on the last page.
    var nextAfter: String?
    /// The link to the next page; absent on the last page.
    var next: String?
}
