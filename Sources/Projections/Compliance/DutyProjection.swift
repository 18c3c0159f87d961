import Events
import Logging
import PostgresNIO

/// Keeps `reporting_duties` up to date: loads the duties a page touches in one query, folds the
/// page's events in memory with the pure `DutyRecord.fold`, and upserts them in one statement.
public struct DutyProjection: Projection {
    public let name = "reporting-duties"
    public let eventTypes = ReportEvent.eventTypes
    public let tables = ["reporting_duties"]

    /// Creates the projection.
    public init() {}

    public func apply(_ events: [RecordedEvent], on connection: PostgresConnection, logger: Logger) async throws {
        let duties = Set(events.compactMap(DutyRecord.duty(of:)))
        var records = try await DutyTable.load(duties, on: connection, logger: logger)
        try DutyRecord.fold(events, into: &records)
        try await DutyTable.save(records.values.filter { duties.contains($0.duty) }, on: connection, logger: logger)
    }
}
