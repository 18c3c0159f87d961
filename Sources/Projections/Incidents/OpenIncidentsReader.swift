import BoundedPostgres
import Events
import Foundation
import Logging
import PostgresNIO

/// Answers the incident list from the live `open_incidents` table: the same filter, order and
/// cursor as `IncidentPage.of` over rows folded from the events, stated in SQL so the table's
/// indexes do the work. The table is today's answer only; questions about the past fold the events.
public struct OpenIncidentsReader: Sendable {
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

    /// One page of the list, and the log position the table had reached when it answered.
    public func page(
        filter: IncidentListFilter, order: IncidentListOrder, after: IncidentCursor?, limit: Int
    ) async throws -> IncidentPage {
        guard !filter.isEmptyForSure else { return IncidentPage(rows: [], next: nil) }
        var sql = IncidentListSQL()
        sql.add(filter)
        sql.add(order, after: after)
        let query = sql.query(order: order, limit: limit + 1)
        var rows: [IncidentRow] = []
        let decoder = JSONDecoder()
        let logger = logger
        let texts = try await client.bounded { connection in
            var texts: [String] = []
            for try await text in try await connection.query(query, logger: logger).decode(String.self) { texts.append(text) }
            return texts
        }
        for text in texts {
            if let row = try decoder.decode(StoredIncidentRow.self, from: Data(text.utf8)).row { rows.append(row) }
        }
        rows.sort(by: order.precedes)
        let page = Array(rows.prefix(limit))
        return IncidentPage(rows: page, next: rows.count > limit ? page.last.map { IncidentCursor(after: $0, in: order) } : nil)
    }
}

/// The WHERE clause and binds of a list query, built condition by condition.
struct IncidentListSQL {
    private var conditions: [String] = []
    private var binds = PostgresBindings()
    private var count = 0

    private mutating func bind(_ value: some PostgresNonThrowingEncodable & Sendable) -> String {
        binds.append(value)
        count += 1
        return "$\(count)"
    }

    private mutating func instant(_ value: Timestamp) -> String {
        "(to_timestamp(0) + \(bind(value.microsecondsSinceEpoch)) * interval '1 microsecond')"
    }

    /// A cursor's instant, kept inside PostgreSQL's range: any key before year −1200 compares like
    /// one in year −1200, since no incident is logged that early.
    private mutating func cursorInstant(_ key: Int64) -> String {
        instant(Timestamp(microsecondsSinceEpoch: max(key, -100_000_000_000_000_000)))
    }

    mutating func add(_ filter: IncidentListFilter) {
        if let status = filter.status { conditions.append("status = \(bind(status.rawValue))") }
        if let unit = filter.unitId { conditions.append("units @> ARRAY[\(bind(unit))]::text[]") }
        if let units = filter.anyOfUnits { conditions.append("units && \(bind(units.sorted()))::text[]") }
        if let units = filter.visibleUnits { conditions.append("units && \(bind(units.sorted()))::text[]") }
        if let source = filter.source { conditions.append("source = \(bind(source.rawValue))") }
        if let severity = filter.severity { conditions.append("severity = \(bind(severity.rawValue))") }
        if let topic = filter.topic { conditions.append("topics @> ARRAY[\(bind(topic))]::text[]") }
        if let overdue = filter.overdue {
            let late = "(status = 'open' AND next_due_at IS NOT NULL AND next_due_at < \(instant(filter.at)))"
            conditions.append(overdue ? late : "NOT \(late)")
        }
        if let hotSpot = filter.hotSpot { conditions.append("hot_spot = \(bind(hotSpot))") }
        if let text = filter.text {
            let words = IncidentSearchText.document([text])
            conditions.append("search_vector @@ plainto_tsquery('simple', lower(unaccent(\(bind(words)))))")
        }
    }

    /// The cursor condition: rows strictly after `(key, id)` in `order` (see `IncidentListOrder.isAfter`).
    mutating func add(_ order: IncidentListOrder, after: IncidentCursor?) {
        guard let after else { return }
        let op = order.descending ? "<" : ">"
        switch order {
        case .loggedAt, .loggedAtDescending:
            let ts = cursorInstant(after.key)
            conditions.append("(logged_at, incident_id) \(op) (\(ts), \(bind(after.incidentId)))")
        case .severity, .severityDescending:
            conditions.append("(severity_rank::bigint, incident_id) \(op) (\(bind(after.key)), \(bind(after.incidentId)))")
        case .dueAt, .dueAtDescending:
            // No running clock sorts after every instant (`IncidentListOrder.noClockKey`).
            let id = bind(after.incidentId)
            if after.key >= IncidentListOrder.noClockKey {
                conditions.append(
                    order.descending
                        ? "(next_due_at IS NOT NULL OR incident_id < \(id))" : "(next_due_at IS NULL AND incident_id > \(id))")
            } else {
                let ts = cursorInstant(after.key)
                conditions.append(
                    order.descending
                        ? "(next_due_at IS NOT NULL AND (next_due_at, incident_id) < (\(ts), \(id)))"
                        : "(next_due_at IS NULL OR (next_due_at, incident_id) > (\(ts), \(id)))")
            }
        }
    }

    func query(order: IncidentListOrder, limit: Int) -> PostgresQuery {
        let direction = order.descending ? "DESC" : "ASC"
        let orderBy: String
        switch order {
        case .loggedAt, .loggedAtDescending: orderBy = "logged_at \(direction), incident_id \(direction)"
        case .severity, .severityDescending: orderBy = "severity_rank \(direction), incident_id \(direction)"
        case .dueAt: orderBy = "next_due_at ASC NULLS LAST, incident_id ASC"
        case .dueAtDescending: orderBy = "next_due_at DESC NULLS FIRST, incident_id DESC"
        }
        let sql = """
            SELECT row_to_json(r)::text FROM (
                SELECT incident_id, status, source, outlet, url, title, summary, topics, unit_ids, assigned_unit_id, units,
                    severity, severity_rank, reach, hot_spot, sighting_count,
                    (extract(epoch FROM published_at) * 1000000)::bigint AS published_at,
                    (extract(epoch FROM logged_at) * 1000000)::bigint AS logged_at,
                    (extract(epoch FROM assignment_due_at) * 1000000)::bigint AS assignment_due_at,
                    (extract(epoch FROM next_due_at) * 1000000)::bigint AS next_due_at,
                    merged_into, (extract(epoch FROM last_event_at) * 1000000)::bigint AS last_event_at,
                    search_text AS search_document, version, last_position
                FROM open_incidents
                WHERE \(conditions.isEmpty ? "true" : conditions.joined(separator: " AND "))
                ORDER BY \(orderBy)
                LIMIT \(limit)
            ) r
            """
        return PostgresQuery(unsafeSQL: sql, binds: binds)
    }
}
