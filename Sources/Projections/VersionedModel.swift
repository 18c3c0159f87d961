import BoundedPostgres
import Events
import Logging
import PostgresNIO
import Synchronization

/// Reads an inline model with history by position — a table of JSON rows valid for log positions
/// `[valid_from, valid_to)` — as the log stood at a cut, never by folding the log. The answer at the
/// head is kept in memory and reused for as long as no event of the model has landed since (one
/// index lookup on `max(valid_from)` per question tells). Answers at past positions never change:
/// the last few asked are kept too (auditors and supervisors ask about the same instant again and
/// again: "what did we know on the 23rd").
final class VersionedModel<Value: Sendable>: Sendable {
    let table: String
    /// The SQL expression each row is read as (`::text` is added).
    let column: String
    /// Builds the answer from the rows' JSON texts and the position they were read at.
    let build: @Sendable ([String], Int64) throws -> Value
    /// The answer at the head, and the position of the model's last change it was read after.
    private let latest = Mutex<(value: Value, changedAt: Int64)?>(nil)
    /// Answers at past positions, most recently asked last.
    private let past = Mutex<[(at: Int64, value: Value)]>([])
    /// How many past answers are kept.
    static var pastAnswersKept: Int { 4 }

    init(table: String, column: String, build: @escaping @Sendable ([String], Int64) throws -> Value) {
        self.table = table
        self.column = column
        self.build = build
    }

    /// The model as the log stood at `cut`: the rows valid at the cut's position (the last one
    /// recorded by `cut.recordedUpTo`, and no later than `cut.upToPosition`).
    func value(at cut: ReadCut, client: PostgresClient, logger: Logger) async throws -> Value {
        let cached = latest.withLock { $0 }
        let instant = cut.recordedUpTo?.microsecondsSinceEpoch
        let lookup = PostgresQuery(
            unsafeSQL: """
                SELECT (SELECT coalesce(max(valid_from), 0) FROM \(table))::bigint, \(ReadPosition.lastPosition(recordedUpTo: "$1"))
                """,
            binds: {
                var binds = PostgresBindings()
                binds.append(instant)
                return binds
            }())
        let (changedAt, head) = try await client.bounded { connection in
            for try await row in try await connection.query(lookup, logger: logger).decode((Int64, Int64).self) { return row }
            return (0, 0)
        }
        let at = min(head, cut.upToPosition ?? Int64.max)
        if let cached, cached.changedAt == changedAt, at >= changedAt { return cached.value }
        // Below the model's last change the rows valid at `at` are final: nothing appended later can change them.
        let isPast = at < changedAt
        if isPast,
            let kept = past.withLock({ kept -> Value? in
                guard let index = kept.firstIndex(where: { $0.at == at }) else { return nil }
                let entry = kept.remove(at: index)
                kept.append(entry)
                return entry.value
            })
        {
            return kept
        }
        // Read by position even at the head: a change committed since the lookup above has a later
        // position (and closes rows at it), so it is not seen.
        let read = PostgresQuery(
            unsafeSQL: "SELECT (\(column))::text FROM \(table) WHERE valid_from <= $1 AND (valid_to IS NULL OR valid_to > $1)",
            binds: {
                var binds = PostgresBindings()
                binds.append(at)
                return binds
            }())
        let texts = try await client.bounded { connection in
            var texts: [String] = []
            for try await text in try await connection.query(read, logger: logger).decode(String.self) { texts.append(text) }
            return texts
        }
        let value = try build(texts, at)
        if isPast {
            past.withLock { kept in
                kept.removeAll { $0.at == at }
                kept.append((at, value))
                if kept.count > Self.pastAnswersKept { kept.removeFirst(kept.count - Self.pastAnswersKept) }
            }
        }
        if at >= changedAt {
            latest.withLock { current in
                if (current?.changedAt ?? -1) < changedAt { current = (value, changedAt) }
            }
        }
        return value
    }
}
