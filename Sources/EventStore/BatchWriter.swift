import Events
import Foundation
import Logging
import PostgresNIO

/// Commits a batch of appends in one transaction under the append lock. If the database refuses the
/// batch, each request is retried alone so that one bad request cannot fail its neighbours.
struct BatchWriter: Sendable {
    /// The advisory lock key that serialises appends ("ledger" in ASCII).
    static let appendLockKey: Int64 = 0x6C65_6467_6572

    let client: PostgresClient
    let logger: Logger
    let now: @Sendable () -> Timestamp

    func commit(_ batch: [PreparedAppend]) async -> [GroupCommitQueue.Outcome] {
        do {
            return try await commitTogether(batch)
        } catch {
            guard batch.count > 1 else { return [.failure(StorageFailure.map(error))] }
            logger.warning("batch of \(batch.count) appends refused, retrying one by one", metadata: ["error": "\(error)"])
            var outcomes: [GroupCommitQueue.Outcome] = []
            for append in batch {
                do {
                    outcomes.append(contentsOf: try await commitTogether([append]))
                } catch {
                    outcomes.append(.failure(StorageFailure.map(error)))
                }
            }
            return outcomes
        }
    }

    private func commitTogether(_ batch: [PreparedAppend]) async throws -> [GroupCommitQueue.Outcome] {
        try await client.withTransaction(logger: logger) { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(\(Self.appendLockKey))", logger: logger)
            let head = try await readHead(connection)
            let versions = try await readVersions(Set(batch.map(\.request.stream)), connection)
            let keys = try await readKeys(batch.compactMap(\.request.idempotency), connection)
            var planner = AppendPlanner(head: head, versions: versions, keys: keys, now: now())
            let outcomes = batch.map { planner.plan($0) }
            try await insert(planner.eventRows, connection)
            try await insert(planner.idempotencyRows, connection)
            if !planner.eventRows.isEmpty {
                try await connection.query(
                    "SELECT pg_notify(\(PostgresEventStore.notificationChannel), \(String(planner.head.position)))",
                    logger: logger)
            }
            return outcomes
        }
    }

    private func readHead(_ connection: PostgresConnection) async throws -> AppendPlanner.Head {
        let rows = try await connection.query(
            """
            SELECT position, hash, (extract(epoch FROM recorded_at) * 1000000)::bigint
            FROM events ORDER BY position DESC LIMIT 1
            """, logger: logger)
        for try await (position, hash, micros) in rows.decode((Int64, String, Int64).self) {
            return AppendPlanner.Head(position: position, hash: hash, recordedAt: Timestamp(microsecondsSinceEpoch: micros))
        }
        return .empty
    }

    private func readVersions(_ streams: Set<StreamID>, _ connection: PostgresConnection) async throws -> [StreamID: Int64] {
        let names = streams.map(\.rawValue)
        let rows = try await connection.query(
            """
            SELECT s.stream_id, (SELECT max(e.stream_version) FROM events e WHERE e.stream_id = s.stream_id)
            FROM unnest(\(names)::text[]) AS s(stream_id)
            """, logger: logger)
        var versions: [StreamID: Int64] = [:]
        for try await (name, version) in rows.decode((String, Int64?).self) {
            if let stream = StreamID(name), let version { versions[stream] = version }
        }
        return versions
    }

    private func readKeys(
        _ keys: [IdempotencyKey], _ connection: PostgresConnection
    ) async throws -> [IdempotencyKeyID: AppendPlanner.IdempotencyRecord] {
        guard !keys.isEmpty else { return [:] }
        let rows = try await connection.query(
            """
            SELECT k.scope, k.key, k.fingerprint, k.result::text
            FROM idempotency_keys k
            JOIN unnest(\(keys.map(\.scope))::text[], \(keys.map(\.key))::text[]) AS w(scope, key)
              ON k.scope = w.scope AND k.key = w.key
            """, logger: logger)
        var records: [IdempotencyKeyID: AppendPlanner.IdempotencyRecord] = [:]
        for try await (scope, key, fingerprint, resultText) in rows.decode((String, String, String, String).self) {
            let result = try JSONDecoder().decode(AppendResult.self, from: Data(resultText.utf8))
            records[IdempotencyKeyID(scope: scope, key: key)] = .init(fingerprint: fingerprint, result: result)
        }
        return records
    }

    private func insert(_ rows: [AppendPlanner.EventRow], _ connection: PostgresConnection) async throws {
        guard !rows.isEmpty else { return }
        try await connection.query(
            """
            INSERT INTO events (position, event_id, stream_id, stream_version, event_type, schema_version,
                                data, metadata, recorded_at, previous_hash, hash)
            SELECT p, i, s, v, t, sv, d::jsonb, m::jsonb, r::timestamptz, ph, h
            FROM unnest(\(rows.map(\.position))::bigint[], \(rows.map(\.id))::uuid[], \(rows.map(\.streamId))::text[],
                        \(rows.map(\.streamVersion))::bigint[], \(rows.map(\.type))::text[],
                        \(rows.map(\.schemaVersion))::integer[], \(rows.map(\.data))::text[],
                        \(rows.map(\.metadata))::text[], \(rows.map(\.recordedAt))::text[],
                        \(rows.map(\.previousHash))::text[], \(rows.map(\.hash))::text[])
                AS u(p, i, s, v, t, sv, d, m, r, ph, h)
            """, logger: logger)
    }

    private func insert(_ rows: [AppendPlanner.IdempotencyRow], _ connection: PostgresConnection) async throws {
        guard !rows.isEmpty else { return }
        let results = try rows.map { String(decoding: try JSONEncoder().encode($0.result), as: UTF8.self) }
        try await connection.query(
            """
            INSERT INTO idempotency_keys (scope, key, fingerprint, result)
            SELECT * FROM unnest(\(rows.map(\.scope))::text[], \(rows.map(\.key))::text[],
                                 \(rows.map(\.fingerprint))::text[], \(results)::jsonb[])
            """, logger: logger)
    }
}
