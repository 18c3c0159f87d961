import Events
import Logging
import PostgresNIO

/// Keeps `incident_merges`: one row per incident merged into another, at the merge's position.
/// Applied inline, inside the append transaction.
public struct MergeLinksProjection: Projection {
    public let name = "merge-links"
    public let eventTypes = [IncidentMerged.eventType]
    public let tables = ["incident_merges"]
    public var isInline: Bool { true }

    /// Creates the projection.
    public init() {}

    public func apply(_ events: [RecordedEvent], on connection: PostgresConnection, logger: Logger) async throws {
        var links: [(position: Int64, incident: String, into: String)] = []
        for recorded in events {
            if case .merged(let merge)? = try IncidentEvent(recorded) { links.append((recorded.position, merge.incidentId, merge.into)) }
        }
        guard !links.isEmpty else { return }
        try await connection.query(
            """
            INSERT INTO incident_merges (position, incident_id, into_id)
            SELECT * FROM unnest(\(links.map(\.position))::bigint[], \(links.map(\.incident))::text[], \(links.map(\.into))::text[])
            """, logger: logger)
    }
}
