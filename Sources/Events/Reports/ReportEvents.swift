/// A report was filed for a duty. `submittedAt` decides timeliness: the filing time for the API
/// channel, the official receipt time for reports that came another way; `recordedAt` is when it
/// was entered here.
public struct ReportFiled: DomainEvent, Hashable {
    public static let eventType = "ReportFiled"
    public static let schemaVersion: Int32 = 1
    public var reportId: String
    public var duty: ReportingDuty
    public var summary: String
    public var body: String
    public var topics: [String]
    public var confidential: Bool
    public var channel: ReportChannel
    public var submittedAt: Timestamp
    public var recordedAt: Timestamp
}

/// The reporting unit changed a filed report; the first filing still decides timeliness.
public struct ReportAmended: DomainEvent, Hashable {
    public static let eventType = "ReportAmended"
    public static let schemaVersion: Int32 = 1
    public var reportId: String
    public var summary: String
    public var body: String
    public var topics: [String]
    public var amendedAt: Timestamp
}

/// The recipient sent the report back (e.g. "lacking analysis, forecasts and proposals").
public struct ReportReturned: DomainEvent, Hashable {
    public static let eventType = "ReportReturned"
    public static let schemaVersion: Int32 = 1
    public var reportId: String
    public var reason: String
    public var returnedAt: Timestamp
}

/// The reporting unit sent a returned report again, revised.
public struct ReportResubmitted: DomainEvent, Hashable {
    public static let eventType = "ReportResubmitted"
    public static let schemaVersion: Int32 = 1
    public var reportId: String
    public var summary: String
    public var body: String
    public var topics: [String]
    public var resubmittedAt: Timestamp
}

/// The recipient accepted the report.
public struct ReportAccepted: DomainEvent, Hashable {
    public static let eventType = "ReportAccepted"
    public static let schemaVersion: Int32 = 1
    public var reportId: String
    public var acceptedAt: Timestamp
}

/// A supervisor excused the unit from the duty, with a reason.
public struct ReportingExcused: DomainEvent, Hashable {
    public static let eventType = "ReportingExcused"
    public static let schemaVersion: Int32 = 1
    public var duty: ReportingDuty
    public var reason: String
    public var excusedAt: Timestamp
}
