import Events
import Foundation
import PostgresNIO

extension BatchWriter {
    /// What the planner needs from the database, read under the append lock.
    struct Facts {
        var head = AppendPlanner.Head.empty
        var versions: [StreamID: Int64] = [:]
        var keys: [IdempotencyKeyID: AppendPlanner.IdempotencyRecord] = [:]
        /// For each condition, the position of the last event matching it (0: none).
        var lastMatching: [AppendCondition: Int64] = [:]
    }

    /// The log's head, the current version of each stream, the stored idempotency records and the
    /// last position matching each condition, in one statement: rows tagged `head`, `stream`, `key`
    /// or `condition` with the columns each kind uses.
    func readFacts(
        streams: Set<StreamID>, keys: [IdempotencyKey], conditions: Set<AppendCondition> = [], _ connection: PostgresConnection
    ) async throws -> Facts {
        let conditions = Array(conditions)
        var query: PostgresQuery =
            """
            (SELECT 'head' AS kind, hash AS t1, NULL::text AS t2, NULL::text AS t3, NULL::text AS t4, position AS n1,
                    (extract(epoch FROM recorded_at) * 1000000)::bigint AS n2
             FROM events ORDER BY position DESC LIMIT 1)
            UNION ALL
            SELECT 'stream', s.stream_id, NULL, NULL, NULL,
                   (SELECT max(e.stream_version) FROM events e WHERE e.stream_id = s.stream_id), NULL
            FROM unnest(\(streams.map(\.rawValue))::text[]) AS s(stream_id)
            UNION ALL
            SELECT 'key', k.scope, k.key, k.fingerprint, k.result::text, NULL, NULL
            FROM idempotency_keys k
            JOIN unnest(\(keys.map(\.scope))::text[], \(keys.map(\.key))::text[]) AS w(scope, key)
              ON k.scope = w.scope AND k.key = w.key
            """
        for (index, condition) in conditions.enumerated() {
            // Only the predicates the condition names, so the planner can use the type or stream index.
            var predicates = ["true"]
            if !condition.types.isEmpty {
                query.binds.append(condition.types)
                predicates.append("e.event_type = ANY($\(query.binds.count)::text[])")
            }
            if !condition.streams.isEmpty {
                query.binds.append(condition.streams.map(\.rawValue))
                predicates.append("e.stream_id = ANY($\(query.binds.count)::text[])")
            }
            query.sql += """

                UNION ALL
                SELECT 'condition', NULL, NULL, NULL, NULL,
                       (SELECT coalesce(max(e.position), 0) FROM events e WHERE \(predicates.joined(separator: " AND "))),
                       \(index)
                """
        }
        let rows = try await connection.query(query, logger: logger)
        var facts = Facts()
        typealias Row = (String, String?, String?, String?, String?, Int64?, Int64?)
        for try await (kind, t1, t2, t3, t4, n1, n2) in rows.decode(Row.self) {
            switch kind {
            case "head":
                if let hash = t1, let position = n1, let micros = n2 {
                    facts.head = .init(position: position, hash: hash, recordedAt: Timestamp(microsecondsSinceEpoch: micros))
                }
            case "condition":
                if let position = n1, let index = n2 { facts.lastMatching[conditions[Int(index)]] = position }
            case "stream":
                if let name = t1, let stream = StreamID(name), let version = n1 { facts.versions[stream] = version }
            default:
                if let scope = t1, let key = t2, let fingerprint = t3, let resultText = t4 {
                    let result = try JSONDecoder().decode(AppendResult.self, from: Data(resultText.utf8))
                    facts.keys[IdempotencyKeyID(scope: scope, key: key)] = .init(fingerprint: fingerprint, result: result)
                }
            }
        }
        return facts
    }

    /// Inserts the planned events and idempotency records and notifies followers, in one statement
    /// (data-modifying CTEs always run to completion, referenced or not).
    func write(_ planner: AppendPlanner, _ connection: PostgresConnection) async throws {
        let eventRows = planner.eventRows
        let keyRows = planner.idempotencyRows
        guard !eventRows.isEmpty || !keyRows.isEmpty else { return }
        let results = try keyRows.map { String(decoding: try JSONEncoder().encode($0.result), as: UTF8.self) }
        let notify = eventRows.isEmpty ? "" : String(planner.head.position)
        let rows = try await connection.query(
            """
            WITH inserted_events AS (
                INSERT INTO events (position, event_id, stream_id, stream_version, event_type, schema_version,
                                    data, metadata, recorded_at, previous_hash, hash)
                SELECT p, i, s, v, t, sv, d::jsonb, m::jsonb, r::timestamptz, ph, h
                FROM unnest(\(eventRows.map(\.position))::bigint[], \(eventRows.map(\.id))::uuid[], \(eventRows.map(\.streamId))::text[],
                            \(eventRows.map(\.streamVersion))::bigint[], \(eventRows.map(\.type))::text[],
                            \(eventRows.map(\.schemaVersion))::integer[], \(eventRows.map(\.data))::text[],
                            \(eventRows.map(\.metadata))::text[], \(eventRows.map(\.recordedAt))::text[],
                            \(eventRows.map(\.previousHash))::text[], \(eventRows.map(\.hash))::text[])
                    AS u(p, i, s, v, t, sv, d, m, r, ph, h)
                RETURNING 1
            ), inserted_keys AS (
                INSERT INTO idempotency_keys (scope, key, fingerprint, result)
                SELECT * FROM unnest(\(keyRows.map(\.scope))::text[], \(keyRows.map(\.key))::text[],
                                     \(keyRows.map(\.fingerprint))::text[], \(results)::jsonb[])
                RETURNING 1
            )
            SELECT pg_notify(\(PostgresEventStore.notificationChannel), \(notify)) WHERE \(notify) <> ''
            """, logger: logger)
        // A statement that returns rows reports errors raised while it runs (a refused row) through
        // its rows: drain them, or the error would surface only as a silent rollback at COMMIT.
        for try await _ in rows {}
    }
}
