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
