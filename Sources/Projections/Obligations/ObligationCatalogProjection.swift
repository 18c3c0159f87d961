import Events
import Foundation
import Logging
import PostgresNIO

/// Keeps `obligation_versions`, the obligation catalog by log position: each obligation event closes
/// the obligation's current row at its position and opens one holding its state after it. Applied
/// inline, inside the append transaction, so a decision never reads a catalog older than the log.
public struct ObligationCatalogProjection: Projection {
    public let name = "obligation-catalog"
    public let eventTypes = ObligationEvent.eventTypes
    public let tables = ["obligation_versions"]
    public var isInline: Bool { true }

    /// Creates the projection.
    public init() {}

    public func apply(_ events: [RecordedEvent], on connection: PostgresConnection, logger: Logger) async throws {
        let decoder = EventDecoder()
        let decoded = try events.compactMap { recorded in try ObligationEvent(recorded, decoder: decoder).map { ($0, recorded.position) } }
        guard !decoded.isEmpty else { return }
        let touched = Array(Set(decoded.map(\.0.obligationId)))
        let rows = try await connection.query(
            "SELECT obligation_id || ' ' || state::text FROM obligation_versions WHERE valid_to IS NULL AND obligation_id = ANY(\(touched)::text[])",
            logger: logger)
        var catalog = ObligationCatalog(states: try await ObligationVersions.decode(rows), position: 0)
        var opened: [String: [(from: Int64, state: ObligationState)]] = [:]
        for (event, position) in decoded {
            catalog.apply(event)
            guard let state = catalog.state(of: event.obligationId) else { continue }
            opened[event.obligationId, default: []].append((position, state))
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        var ids: [String] = []
        var froms: [Int64] = []
        var tos: [Int64] = []
        var states: [String] = []
        for (id, versions) in opened {
            for (index, version) in versions.enumerated() {
                ids.append(id)
                froms.append(version.from)
                // An open version is sent as 0 (positions start at 1) and stored as NULL.
                tos.append(index + 1 < versions.count ? versions[index + 1].from : 0)
                states.append(String(decoding: try encoder.encode(version.state), as: UTF8.self))
            }
        }
        let firsts = opened.map { ($0.key, $0.value[0].from) }
        // Closed first, then opened: the index of current rows is unique.
        try await connection.query(
            """
            UPDATE obligation_versions v SET valid_to = c.at
            FROM unnest(\(firsts.map(\.0))::text[], \(firsts.map(\.1))::bigint[]) AS c(id, at)
            WHERE v.obligation_id = c.id AND v.valid_to IS NULL
            """, logger: logger)
        try await connection.query(
            """
            INSERT INTO obligation_versions (obligation_id, valid_from, valid_to, state)
            SELECT i, f, NULLIF(t, 0), s::jsonb
            FROM unnest(\(ids)::text[], \(froms)::bigint[], \(tos)::bigint[], \(states)::text[]) AS x(i, f, t, s)
            """, logger: logger)
    }
}

/// Decodes stored obligation states, each read as `obligation_id || ' ' || state::text` (ids have no spaces).
enum ObligationVersions {
    static func decode(_ rows: PostgresRowSequence) async throws -> [(id: String, state: ObligationState)] {
        var texts: [String] = []
        for try await text in rows.decode(String.self) { texts.append(text) }
        return try decode(texts)
    }

    static func decode(_ texts: [String]) throws -> [(id: String, state: ObligationState)] {
        let decoder = JSONDecoder()
        return try texts.map { text in
            let (id, json) = (text.prefix { $0 != " " }, text.drop { $0 != " " }.dropFirst())
            return (String(id), try decoder.decode(ObligationState.self, from: Data(json.utf8)))
        }
    }
}
