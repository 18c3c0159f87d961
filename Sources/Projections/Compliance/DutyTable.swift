import BoundedPostgres
import Events
import Foundation
import Logging
import PostgresNIO

/// Reads and writes `reporting_duties` rows in bulk.
public enum DutyTable {
    typealias Row = (String, String, String, String?, String, Int64?, Bool, Bool, String?, Int32, String?, Int64, Int64, String?, Int64?)

    static let columns = """
        SELECT obligation_id, unit_id, period, report_id, stage,
               (extract(epoch FROM first_submitted_at) * 1000000)::bigint, confidential, excused, excuse_reason,
               return_count, summary, version, last_position, first_channel,
               (extract(epoch FROM first_recorded_at) * 1000000)::bigint
        FROM reporting_duties
        """

    /// The stored records of the given duties.
    static func load(
        _ duties: Set<ReportingDuty>, on connection: PostgresConnection, logger: Logger
    ) async throws -> [ReportingDuty: DutyRecord] {
        guard !duties.isEmpty else { return [:] }
        let list = Array(duties)
        let rows = try await connection.query(
            PostgresQuery(
                unsafeSQL: columns
                    + " WHERE (obligation_id, unit_id, period) IN (SELECT * FROM unnest($1::text[], $2::text[], $3::text[]))",
                binds: {
                    var binds = PostgresBindings()
                    binds.append(list.map(\.obligationId))
                    binds.append(list.map(\.unitId))
                    binds.append(list.map(\.period.description))
                    return binds
                }()), logger: logger)
        var records: [ReportingDuty: DutyRecord] = [:]
        for try await row in rows.decode(Row.self) {
            if let record = record(row) { records[record.duty] = record }
        }
        return records
    }

    /// Every record of one obligation and period.
    public static func records(
        obligationId: String, period: Period, client: PostgresClient, logger: Logger
    ) async throws -> [DutyRecord] {
        var binds = PostgresBindings()
        binds.append(obligationId)
        binds.append(period.description)
        let query = PostgresQuery(unsafeSQL: columns + " WHERE obligation_id = $1 AND period = $2", binds: binds)
        var records: [DutyRecord] = []
        let rows = try await client.bounded { connection in
            var rows: [Row] = []
            for try await row in try await connection.query(query, logger: logger).decode(Row.self) { rows.append(row) }
            return rows
        }
        for row in rows {
            if let record = record(row) { records.append(record) }
        }
        return records
    }

    static func save(_ records: [DutyRecord], on connection: PostgresConnection, logger: Logger) async throws {
        guard !records.isEmpty else { return }
        // PostgresNIO binds no arrays of optionals: absent values travel as a presence flag beside a placeholder.
        var query = PostgresQuery(
            unsafeSQL: """
                INSERT INTO reporting_duties (obligation_id, unit_id, period, report_id, stage, first_submitted_at, confidential,
                                              excused, excuse_reason, return_count, summary, version, last_position,
                                              first_channel, first_recorded_at)
                SELECT o, u, p, CASE WHEN rp THEN r END, s,
                       CASE WHEN fp THEN to_timestamp(0) + f * interval '1 microsecond' END,
                       c, e, CASE WHEN erp THEN er END, rc, CASE WHEN smp THEN sm END, v, lp,
                       CASE WHEN chp THEN ch END, CASE WHEN rap THEN to_timestamp(0) + ra * interval '1 microsecond' END
                FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::boolean[], $6::text[], $7::bigint[],
                            $8::boolean[], $9::boolean[], $10::boolean[], $11::text[], $12::boolean[], $13::integer[],
                            $14::text[], $15::boolean[], $16::bigint[], $17::bigint[], $18::text[], $19::boolean[],
                            $20::bigint[], $21::boolean[])
                    AS x(o, u, p, r, rp, s, f, fp, c, e, er, erp, rc, sm, smp, v, lp, ch, chp, ra, rap)
                ON CONFLICT (obligation_id, period, unit_id) DO UPDATE SET
                    report_id = EXCLUDED.report_id, stage = EXCLUDED.stage, first_submitted_at = EXCLUDED.first_submitted_at,
                    confidential = EXCLUDED.confidential, excused = EXCLUDED.excused, excuse_reason = EXCLUDED.excuse_reason,
                    return_count = EXCLUDED.return_count, summary = EXCLUDED.summary, version = EXCLUDED.version,
                    last_position = EXCLUDED.last_position, first_channel = EXCLUDED.first_channel,
                    first_recorded_at = EXCLUDED.first_recorded_at
                """)
        query.binds.append(records.map(\.duty.obligationId))
        query.binds.append(records.map(\.duty.unitId))
        query.binds.append(records.map(\.duty.period.description))
        query.binds.append(records.map { $0.state.reportId ?? "" })
        query.binds.append(records.map { $0.state.reportId != nil })
        query.binds.append(records.map(\.state.stage.rawValue))
        query.binds.append(records.map { $0.state.firstSubmittedAt?.microsecondsSinceEpoch ?? 0 })
        query.binds.append(records.map { $0.state.firstSubmittedAt != nil })
        query.binds.append(records.map(\.state.confidential))
        query.binds.append(records.map(\.state.excused))
        query.binds.append(records.map { $0.state.excuseReason ?? "" })
        query.binds.append(records.map { $0.state.excuseReason != nil })
        query.binds.append(records.map { Int32($0.state.returnCount) })
        query.binds.append(records.map { $0.summary ?? "" })
        query.binds.append(records.map { $0.summary != nil })
        query.binds.append(records.map(\.state.version))
        query.binds.append(records.map(\.lastPosition))
        query.binds.append(records.map { $0.state.firstChannel?.rawValue ?? "" })
        query.binds.append(records.map { $0.state.firstChannel != nil })
        query.binds.append(records.map { $0.state.firstRecordedAt?.microsecondsSinceEpoch ?? 0 })
        query.binds.append(records.map { $0.state.firstRecordedAt != nil })
        try await connection.query(query, logger: logger)
    }

    static func record(_ row: Row) -> DutyRecord? {
        guard let period = try? Period(parsing: row.2), let stage = DutyState.Stage(rawValue: row.4) else { return nil }
        var state = DutyState.initial
        state.reportId = row.3
        state.stage = stage
        state.firstSubmittedAt = row.5.map { Timestamp(microsecondsSinceEpoch: $0) }
        state.confidential = row.6
        state.excused = row.7
        state.excuseReason = row.8
        state.returnCount = Int(row.9)
        state.version = row.11
        state.firstChannel = row.13.flatMap(ReportChannel.init(rawValue:))
        state.firstRecordedAt = row.14.map { Timestamp(microsecondsSinceEpoch: $0) }
        return DutyRecord(
            duty: ReportingDuty(obligationId: row.0, unitId: row.1, period: period), state: state, summary: row.10, lastPosition: row.12)
    }
}
