import Events
import Logging
import PostgresNIO

/// Keeps `reporting_duties` (each duty's current record) and `duty_versions` (each duty's record per
/// range of log positions): loads the duties a batch touches in one query, folds the events one by
/// one with the pure `DutyRecord.apply`, upserts the current records and closes and opens versions.
/// Applied inline, inside the append transaction, so compliance and the report list are never
/// behind the log and answer the past by position.
public struct DutyProjection: Projection {
    public let name = "reporting-duties"
    public let eventTypes = ReportEvent.eventTypes
    public let tables = ["reporting_duties", "duty_versions"]
    public var isInline: Bool { true }

    /// How many duties a rebuild holds in memory (`DutyReplay`).
    let rebuildCapacity: Int

    /// Creates the projection; a rebuild holds at most `rebuildCapacity` duties in memory.
    public init(rebuildCapacity: Int = 100_000) {
        self.rebuildCapacity = rebuildCapacity
    }

    public func apply(_ events: [RecordedEvent], on connection: PostgresConnection, logger: Logger) async throws {
        let duties = Set(events.compactMap(DutyRecord.duty(of:)))
        var records = try await DutyTable.load(duties, on: connection, logger: logger)
        var opened: [ReportingDuty: [DutyRecord]] = [:]
        for recorded in events {
            guard let event = try ReportEvent(recorded), let duty = DutyRecord.duty(of: recorded) else { continue }
            records[duty, default: DutyRecord(duty: duty)].apply(event, position: recorded.position)
            opened[duty, default: []].append(records[duty]!)
        }
        try await DutyTable.save(records.values.filter { duties.contains($0.duty) }, on: connection, logger: logger)
        try await DutyVersionsTable.write(opened, on: connection, logger: logger)
    }

    public func rebuildReplay() -> (any RebuildReplay)? {
        DutyReplay(capacity: rebuildCapacity)
    }
}
