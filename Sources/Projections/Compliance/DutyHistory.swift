import BoundedPostgres
import Events
import Logging
import PostgresNIO

/// Reporting duties as the log stood at a position, read from the inline `duty_versions` model:
/// compliance tables, summaries, consolidations and a unit's history read the duties they show, at
/// the position of their cut, never by folding the log.
public struct DutyHistory: Sendable {
    /// Which duties to read.
    public enum Scope: Sendable {
        /// The duties for these periods under the given obligations (every obligation when nil) of
        /// these units (every unit when nil).
        case periods([Period], obligations: [String]?, units: [String]? = nil)
        /// Every duty of these units.
        case units([String])
    }

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

    /// The current records of the duties in `scope` (a question about now), from `reporting_duties`'
    /// columns: no JSON to decode.
    public func current(_ scope: Scope) async throws -> [ReportingDuty: DutyRecord] {
        var binds = PostgresBindings()
        let conditions = Self.conditions(scope, &binds)
        let query = PostgresQuery(unsafeSQL: DutyTable.columns + " WHERE " + conditions.joined(separator: " AND "), binds: binds)
        let logger = logger
        let rows = try await client.bounded { connection in
            var rows: [DutyTable.Row] = []
            for try await row in try await connection.query(query, logger: logger).decode(DutyTable.Row.self) { rows.append(row) }
            return rows
        }
        return Dictionary(rows.compactMap(DutyTable.record).map { ($0.duty, $0) }, uniquingKeysWith: { _, last in last })
    }

    /// The predicates that select `scope`'s duties, binding their values.
    private static func conditions(_ scope: Scope, _ binds: inout PostgresBindings) -> [String] {
        var conditions: [String] = []
        switch scope {
        case .periods(let periods, let obligations, let units):
            binds.append(periods.map(\.description))
            conditions.append("period = ANY($\(binds.count)::text[])")
            if let obligations {
                binds.append(obligations)
                conditions.append("obligation_id = ANY($\(binds.count)::text[])")
            }
            if let units {
                binds.append(units)
                conditions.append("unit_id = ANY($\(binds.count)::text[])")
            }
        case .units(let units):
            binds.append(units)
            conditions.append("unit_id = ANY($\(binds.count)::text[])")
        }
        return conditions
    }

    /// The records of the duties in `scope` that had any event at or before `position`, as they stood there.
    public func records(_ scope: Scope, at position: Int64) async throws -> [ReportingDuty: DutyRecord] {
        var binds = PostgresBindings()
        var conditions = Self.conditions(scope, &binds)
        binds.append(position)
        let at = "$\(binds.count)"
        conditions.append("valid_from <= \(at) AND (valid_to IS NULL OR valid_to > \(at))")
        let query = PostgresQuery(
            unsafeSQL: "SELECT record::text FROM duty_versions WHERE " + conditions.joined(separator: " AND "), binds: binds)
        let logger = logger
        let records = try await client.bounded { connection in
            try await DutyVersionsTable.decode(try await connection.query(query, logger: logger))
        }
        return Dictionary(records.map { ($0.duty, $0) }, uniquingKeysWith: { _, last in last })
    }
}
