import Events
import Foundation
import Logging
import PostgresNIO

/// Reads and writes `duty_versions` rows in bulk.
enum DutyVersionsTable {
    /// Ends the validity of each duty's current version at the position given for it.
    static func close(_ duties: [(ReportingDuty, Int64)], on connection: PostgresConnection, logger: Logger) async throws {
        guard !duties.isEmpty else { return }
        try await connection.query(
            """
            UPDATE duty_versions v SET valid_to = c.at
            FROM unnest(\(duties.map(\.0.obligationId))::text[], \(duties.map(\.0.period.description))::text[],
                        \(duties.map(\.0.unitId))::text[], \(duties.map(\.1))::bigint[]) AS c(o, p, u, at)
            WHERE v.obligation_id = c.o AND v.period = c.p AND v.unit_id = c.u AND v.valid_to IS NULL
            """, logger: logger)
    }

    /// Closes each duty's current version at its first new one and inserts the new versions (each
    /// valid until the next, the last one open), in two statements: closed first, as the index of
    /// current rows is unique.
    static func write(_ opened: [ReportingDuty: [DutyRecord]], on connection: PostgresConnection, logger: Logger) async throws {
        guard !opened.isEmpty else { return }
        try await close(opened.map { ($0.key, $0.value[0].lastPosition) }, on: connection, logger: logger)
        var rows: [(duty: ReportingDuty, from: Int64, to: Int64, record: String)] = []
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        for (duty, versions) in opened {
            for (index, record) in versions.enumerated() {
                // An open version is sent as 0 (positions start at 1) and stored as NULL.
                let to = index + 1 < versions.count ? versions[index + 1].lastPosition : 0
                rows.append((duty, record.lastPosition, to, String(decoding: try encoder.encode(record), as: UTF8.self)))
            }
        }
        try await connection.query(
            """
            INSERT INTO duty_versions (obligation_id, unit_id, period, valid_from, valid_to, record)
            SELECT o, u, p, f, NULLIF(t, 0), r::jsonb
            FROM unnest(\(rows.map(\.duty.obligationId))::text[], \(rows.map(\.duty.unitId))::text[],
                        \(rows.map(\.duty.period.description))::text[], \(rows.map(\.from))::bigint[], \(rows.map(\.to))::bigint[],
                        \(rows.map(\.record))::text[]) AS x(o, u, p, f, t, r)
            """, logger: logger)
    }

    /// Decodes `record::text` rows.
    static func decode(_ rows: PostgresRowSequence) async throws -> [DutyRecord] {
        var records: [DutyRecord] = []
        for try await text in rows.decode(String.self) {
            records.append(try JSONValue.parse(text.utf8).decode(as: DutyRecord.self))
        }
        return records
    }
}
