import Events
import Foundation
import Logging
import PostgresNIO

/// Reads and writes `unit_versions` rows in bulk.
enum UnitVersionsTable {
    /// One stored version: a unit's timeline, valid for log positions `[validFrom, validTo)`.
    struct Version: Sendable {
        var unitId: String
        var validFrom: Int64
        var validTo: Int64?
        var timeline: UnitDirectory.Timeline
    }

    /// The current timelines of the given units (those registered so far).
    static func current(
        of units: Set<String>, on connection: PostgresConnection, logger: Logger
    ) async throws -> [UnitDirectory.Timeline] {
        let rows = try await connection.query(
            "SELECT timeline::text FROM unit_versions WHERE valid_to IS NULL AND unit_id = ANY(\(Array(units))::text[])",
            logger: logger)
        return try await decode(rows)
    }

    /// Closes each unit's current version at the given position and inserts the new versions, in one statement.
    static func write(
        closing closings: [(unitId: String, at: Int64)], opening versions: [Version], on connection: PostgresConnection,
        logger: Logger
    ) async throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let timelines = try versions.map { String(decoding: try encoder.encode($0.timeline), as: UTF8.self) }
        // Closed first, then opened: the index of current rows is unique, and one statement's
        // data-modifying parts run in no set order.
        if !closings.isEmpty {
            try await connection.query(
                """
                UPDATE unit_versions v SET valid_to = c.at
                FROM unnest(\(closings.map(\.unitId))::text[], \(closings.map(\.at))::bigint[]) AS c(unit_id, at)
                WHERE v.unit_id = c.unit_id AND v.valid_to IS NULL
                """, logger: logger)
        }
        guard !versions.isEmpty else { return }
        // An open version is sent as 0 (positions start at 1) and stored as NULL.
        try await connection.query(
            """
            INSERT INTO unit_versions (unit_id, valid_from, valid_to, timeline)
            SELECT u, f, NULLIF(t, 0), l::jsonb
            FROM unnest(\(versions.map(\.unitId))::text[], \(versions.map(\.validFrom))::bigint[],
                        \(versions.map { $0.validTo ?? 0 })::bigint[], \(timelines)::text[]) AS x(u, f, t, l)
            """, logger: logger)
    }

    /// Decodes `timeline::text` rows.
    static func decode(_ rows: PostgresRowSequence) async throws -> [UnitDirectory.Timeline] {
        let decoder = JSONDecoder()
        var timelines: [UnitDirectory.Timeline] = []
        for try await text in rows.decode(String.self) {
            timelines.append(try decoder.decode(UnitDirectory.Timeline.self, from: Data(text.utf8)))
        }
        return timelines
    }
}
