import BoundedPostgres
import Events
import Logging
import PostgresNIO

/// Answers the report list from the inline duty models, with the same filter, order and cursor as
/// `DutyListFilter.page` over records folded from the events: today's answer from `reporting_duties`,
/// an answer at a position from the `duty_versions` valid there.
public struct DutyReader: Sendable {
    /// Where the database's client comes from: read at each use, so a client replaced after an
    /// outage (the server's `LedgerDatabase`) is picked up at once.
    let clients: @Sendable () -> PostgresClient
    var client: PostgresClient { clients() }
    let logger: Logger

    /// Creates a reader over the service's database.
    public init(client: @autoclosure @escaping @Sendable () -> PostgresClient, logger: Logger) {
        self.clients = client
        self.logger = logger
    }

    /// One page of duties matching `filter`, after `after`, at most `limit`, and whether more follow;
    /// as the log stood at `position` when given.
    public func page(
        _ filter: DutyListFilter, after: ReportingDuty?, limit: Int, at position: Int64? = nil
    ) async throws -> (records: [DutyRecord], more: Bool) {
        var conditions: [String] = []
        var binds = PostgresBindings()
        func bind(_ value: String) -> String {
            binds.append(value)
            return "$\(binds.count)"
        }
        if let unit = filter.unitId { conditions.append("unit_id = \(bind(unit))") }
        if let obligation = filter.obligationId { conditions.append("obligation_id = \(bind(obligation))") }
        if let period = filter.period { conditions.append("period = \(bind(period.description))") }
        if let after {
            conditions.append(
                "(obligation_id COLLATE \"C\", unit_id COLLATE \"C\", period COLLATE \"C\") > "
                    + "(\(bind(after.obligationId)), \(bind(after.unitId)), \(bind(after.period.description)))")
        }
        let order = " ORDER BY obligation_id COLLATE \"C\", unit_id COLLATE \"C\", period COLLATE \"C\" LIMIT "
        if let position {
            binds.append(position)
            conditions.append("valid_from <= $\(binds.count) AND (valid_to IS NULL OR valid_to > $\(binds.count))")
            binds.append(Int64(limit + 1))
            let query = PostgresQuery(
                unsafeSQL: "SELECT record::text FROM duty_versions WHERE " + conditions.joined(separator: " AND ") + order
                    + "$\(binds.count)", binds: binds)
            let logger = logger
            let records = try await client.bounded { connection in
                try await DutyVersionsTable.decode(try await connection.query(query, logger: logger))
            }
            return (Array(records.prefix(limit)), records.count > limit)
        }
        binds.append(Int64(limit + 1))
        let sql =
            DutyTable.columns + (conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND "))
            + order + "$\(binds.count)"
        var records: [DutyRecord] = []
        let logger = logger
        let query = PostgresQuery(unsafeSQL: sql, binds: binds)
        let rows = try await client.bounded { connection in
            var rows: [DutyTable.Row] = []
            for try await row in try await connection.query(query, logger: logger).decode(DutyTable.Row.self) { rows.append(row) }
            return rows
        }
        for row in rows {
            if let record = DutyTable.record(row) { records.append(record) }
        }
        return (Array(records.prefix(limit)), records.count > limit)
    }
}
