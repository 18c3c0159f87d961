import BoundedPostgres
import Events
import Logging
import PostgresNIO
import Synchronization

/// The unit tree as the log stood at a cut, read from the inline `unit_versions` model: never by
/// folding the log. The tree at the head is kept in memory and reused for as long as no unit event
/// has been appended since (one index lookup per question tells); a question about the past reads
/// the versions valid at its position.
public final class UnitTree: Sendable {
    /// Where the database's client comes from: read at each use, so a client replaced after an
    /// outage (the server's `LedgerDatabase`) is picked up at once.
    let clients: @Sendable () -> PostgresClient
    var client: PostgresClient { clients() }
    let logger: Logger
    /// The tree at the head, and the position of the unit event it was read after.
    private let latest = Mutex<(directory: UnitDirectory, changedAt: Int64)?>(nil)

    /// Creates a reader over the service's database.
    public init(client: @autoclosure @escaping @Sendable () -> PostgresClient, logger: Logger) {
        self.clients = client
        self.logger = logger
    }

    /// The tree as the log stood at `cut`: the versions valid at the cut's position (the last one
    /// recorded by `cut.recordedUpTo`, and no later than `cut.upToPosition`).
    public func directory(at cut: ReadCut) async throws -> UnitDirectory {
        let logger = logger
        let cached = latest.withLock { $0 }
        let (changedAt, position) = try await client.bounded { connection in
            let rows = try await connection.query(
                """
                SELECT (SELECT coalesce(max(valid_from), 0) FROM unit_versions),
                       (SELECT coalesce(max(position), 0) FROM events WHERE recorded_at <= to_timestamp(\(cut.recordedUpTo.map { Double($0.microsecondsSinceEpoch) / 1_000_000 } ?? Double.infinity)))
                """, logger: logger)
            for try await row in rows.decode((Int64, Int64).self) { return row }
            return (0, 0)
        }
        let at = min(position, cut.upToPosition ?? Int64.max)
        if let cached, cached.changedAt == changedAt, at >= changedAt { return cached.directory }
        // Read by position even for the head: a unit event committed since the lookup above has a
        // later position (and closes rows at it), so it is not seen.
        let directory = try await read(at: at)
        if at >= changedAt {
            latest.withLock { current in
                if (current?.changedAt ?? -1) < changedAt { current = (directory, changedAt) }
            }
        }
        return directory
    }

    /// The versions valid at position `at`.
    private func read(at: Int64) async throws -> UnitDirectory {
        let logger = logger
        let timelines = try await client.bounded { connection in
            let rows = try await connection.query(
                """
                SELECT timeline::text FROM unit_versions
                WHERE valid_from <= \(at) AND (valid_to IS NULL OR valid_to > \(at))
                """, logger: logger)
            return try await UnitVersionsTable.decode(rows)
        }
        return UnitDirectory(timelines: timelines, position: at)
    }
}
