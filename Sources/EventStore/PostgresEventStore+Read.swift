import BoundedPostgres
import Events
import Foundation
import PostgresNIO

extension PostgresEventStore {
    /// The most events one read returns.
    public static let maximumPageSize = 10_000

    public func readStream(
        _ stream: StreamID, fromVersion: Int64, limit: Int
    ) async throws(EventStoreError) -> [RecordedEvent] {
        let limit = min(max(limit, 1), Self.maximumPageSize)
        var query = StoredEventRow.columns
        query.sql += " WHERE stream_id = $1 AND stream_version >= $2 ORDER BY stream_version LIMIT $3"
        query.binds.append(stream.rawValue, context: .default)
        query.binds.append(fromVersion, context: .default)
        query.binds.append(Int64(limit), context: .default)
        return try await run(query).map { row throws(EventStoreError) in try row.recordedEvent() }
    }

    public func readAll(after: Int64, limit: Int, filter: EventFilter) async throws(EventStoreError) -> EventPage {
        let limit = min(max(limit, 1), Self.maximumPageSize)
        // A position cut reads the log as if its head were there: paging stops at the cut.
        let head = min(try await headPosition(), filter.upToPosition ?? .max)
        // The positions are chosen first (narrow rows, sorted cheaply whatever index the planner
        // takes for the filter), then their rows are fetched by primary key: no sort of wide rows.
        var query = StoredEventRow.columns
        query.sql += " WHERE position = ANY(ARRAY(SELECT position FROM events WHERE position > $1 AND position <= $2"
        query.binds.append(after, context: .default)
        query.binds.append(head, context: .default)
        if let stream = filter.stream {
            query.sql += " AND stream_id = $\(query.binds.count + 1)"
            query.binds.append(stream.rawValue, context: .default)
        }
        if !filter.types.isEmpty {
            query.sql += " AND event_type = ANY($\(query.binds.count + 1)::text[])"
            query.binds.append(filter.types, context: .default)
        }
        if let until = filter.recordedUpTo {
            query.sql += " AND recorded_at <= $\(query.binds.count + 1)::timestamptz"
            query.binds.append(until.rfc3339, context: .default)
        }
        if let actor = filter.actor {
            query.sql += " AND metadata -> 'actor' ->> 'tokenId' = $\(query.binds.count + 1)"
            query.binds.append(actor, context: .default)
        }
        query.sql += " ORDER BY position LIMIT $\(query.binds.count + 1))) ORDER BY position"
        query.binds.append(Int64(limit), context: .default)
        let events = try await run(query).map { row throws(EventStoreError) in try row.recordedEvent() }
        let nextAfter = events.count < limit ? max(head, after) : events.last!.position
        return EventPage(events: events, nextAfter: nextAfter, head: head)
    }

    public func idempotentResult(for key: IdempotencyKey) async throws(EventStoreError) -> AppendResult? {
        do {
            let logger = logger
            let found = try await client.bounded { connection -> (String, String)? in
                let rows = try await connection.query(
                    "SELECT fingerprint, result::text FROM idempotency_keys WHERE scope = \(key.scope) AND key = \(key.key)",
                    logger: logger)
                for try await row in rows.decode((String, String).self) { return row }
                return nil
            }
            guard let (fingerprint, resultText) = found else { return nil }
            guard fingerprint == key.fingerprint else { throw EventStoreError.idempotencyKeyReused(key: key.key) }
            var result = try JSONDecoder().decode(AppendResult.self, from: Data(resultText.utf8))
            result.replayed = true
            return result
        } catch {
            throw StorageFailure.map(error)
        }
    }

    public func headPosition() async throws(EventStoreError) -> Int64 {
        do {
            let logger = logger
            return try await client.bounded { connection in
                let rows = try await connection.query("SELECT coalesce(max(position), 0)::bigint FROM events", logger: logger)
                for try await position in rows.decode(Int64.self) { return position }
                return 0
            }
        } catch {
            throw StorageFailure.map(error)
        }
    }

    func run(_ query: PostgresQuery) async throws(EventStoreError) -> [StoredEventRow] {
        do {
            let logger = logger
            return try await client.bounded { connection in try await connection.query(query, logger: logger).storedEvents() }
        } catch {
            throw StorageFailure.map(error)
        }
    }
}
