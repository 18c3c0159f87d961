import Events
import Foundation
import Logging
import PostgresNIO

/// reporting-duties' bulk replay for a rebuild (`RebuildReplay`): records stay in memory from page
/// to page and each duty's latest record is held back until its next event ends it, so every
/// version is written once, by `COPY`, with its `valid_to` known, and each current record once at
/// the end. When more than `capacity` duties are held, the half changed longest ago is written out
/// (current record and open version) and forgotten; from then on, duties a page touches that are
/// not held are looked up in the tables, as `apply` does, and those found are closed by `UPDATE` and
/// upserted when written out again. Memory stays bounded whatever the size of the log.
final class DutyReplay: RebuildReplay {
    private struct Held {
        var record: DutyRecord
        /// Whether the duty's current record is already in `reporting_duties` (it was written out earlier).
        var stored: Bool
    }

    private let capacity: Int
    private var held: [ReportingDuty: Held] = [:]
    private var wroteOut = false

    /// A replay holding at most `capacity` duties in memory.
    init(capacity: Int = 100_000) {
        self.capacity = max(capacity, 1)
    }

    func apply(_ events: [RecordedEvent], on connection: PostgresConnection, logger: Logger) async throws {
        var changes: [(duty: ReportingDuty, event: ReportEvent, position: Int64)] = []
        for recorded in events {
            guard let event = try ReportEvent(recorded), let duty = DutyRecord.duty(of: recorded) else { continue }
            changes.append((duty, event, recorded.position))
        }
        guard !changes.isEmpty else { return }
        var readBack: Set<ReportingDuty> = []
        if wroteOut {
            let missing = Set(changes.map(\.duty)).filter { held[$0] == nil }
            for (duty, record) in try await DutyTable.load(missing, on: connection, logger: logger) {
                held[duty] = Held(record: record, stored: true)
                readBack.insert(duty)
            }
        }
        var closing: [(ReportingDuty, Int64)] = []
        var ended: [(record: DutyRecord, validTo: Int64?)] = []
        for (duty, event, position) in changes {
            if let previous = held[duty] {
                if readBack.remove(duty) != nil {
                    closing.append((duty, position))
                } else {
                    ended.append((previous.record, position))
                }
            }
            var entry = held[duty] ?? Held(record: DutyRecord(duty: duty), stored: false)
            entry.record.apply(event, position: position)
            held[duty] = entry
        }
        var current: [Held] = []
        if held.count > capacity {
            for (duty, entry) in held.sorted(by: { $0.value.record.lastPosition < $1.value.record.lastPosition })
                .prefix(held.count - capacity / 2)
            {
                current.append(entry)
                ended.append((entry.record, nil))
                held[duty] = nil
            }
            wroteOut = true
        }
        try await DutyVersionsTable.close(closing, on: connection, logger: logger)
        try await write(versions: ended, current: current, on: connection, logger: logger)
    }

    func finish(on connection: PostgresConnection, logger: Logger) async throws {
        let current = Array(held.values)
        held = [:]
        try await write(versions: current.map { ($0.record, nil) }, current: current, on: connection, logger: logger)
    }

    /// Copies versions into `duty_versions` and current records into `reporting_duties` (upserting
    /// those already stored).
    private func write(
        versions: [(record: DutyRecord, validTo: Int64?)], current: [Held], on connection: PostgresConnection, logger: Logger
    ) async throws {
        try await connection.copy(
            versions, into: "duty_versions", columns: ["obligation_id", "unit_id", "period", "valid_from", "valid_to", "record"],
            logger: logger
        ) { chunk, rows in
            let encoder = JSONEncoder()
            for (record, validTo) in chunk {
                rows.text(record.duty.obligationId)
                rows.text(record.duty.unitId)
                rows.text(record.duty.period.description)
                rows.integer(record.lastPosition)
                rows.integer(validTo)
                rows.json(try encoder.encode(record))
                rows.endRow()
            }
        }
        try await connection.copy(
            current.filter { !$0.stored }.map(\.record), into: "reporting_duties",
            columns: [
                "obligation_id", "unit_id", "period", "report_id", "stage", "first_submitted_at", "confidential", "excused",
                "excuse_reason", "return_count", "summary", "version", "last_position", "first_channel", "first_recorded_at",
            ], logger: logger
        ) { chunk, rows in
            for record in chunk {
                rows.text(record.duty.obligationId)
                rows.text(record.duty.unitId)
                rows.text(record.duty.period.description)
                rows.text(record.state.reportId)
                rows.text(record.state.stage.rawValue)
                rows.timestamp(record.state.firstSubmittedAt)
                rows.boolean(record.state.confidential)
                rows.boolean(record.state.excused)
                rows.text(record.state.excuseReason)
                rows.integer(record.state.returnCount)
                rows.text(record.summary)
                rows.integer(record.state.version)
                rows.integer(record.lastPosition)
                rows.text(record.state.firstChannel?.rawValue)
                rows.timestamp(record.state.firstRecordedAt)
                rows.endRow()
            }
        }
        try await DutyTable.save(current.filter(\.stored).map(\.record), on: connection, logger: logger)
    }
}
