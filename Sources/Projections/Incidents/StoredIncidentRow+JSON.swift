import Events
import Foundation

/// Rows and their events written and read as `JSONValue` with the log's own fast writer and reader,
/// not through Codable: a rebuild moves every incident through here (docs/performance.md).
extension StoredIncidentRow {
    /// The row as the JSON object `jsonb_to_recordset` reads.
    var json: JSONValue {
        let optional = { (value: JSONValue?) in value ?? .null }
        var members: [String: JSONValue] = [
            "incident_id": .string(incident_id), "status": .string(status), "source": .string(source),
            "outlet": .string(outlet), "url": optional(url.map(JSONValue.string)), "title": .string(title),
            "summary": .string(summary), "topics": .array(topics.map(JSONValue.string)),
            "unit_ids": .array(unit_ids.map(JSONValue.string)),
            "assigned_unit_id": optional(assigned_unit_id.map(JSONValue.string)), "units": .array(units.map(JSONValue.string)),
            "severity": .string(severity), "severity_rank": .integer(Int64(severity_rank)),
            "reach": optional(reach.map(JSONValue.integer)), "hot_spot": .bool(hot_spot),
            "sighting_count": .integer(Int64(sighting_count)), "published_at": .integer(published_at),
            "logged_at": .integer(logged_at), "assignment_due_at": optional(assignment_due_at.map(JSONValue.integer)),
            "next_due_at": optional(next_due_at.map(JSONValue.integer)), "merged_into": optional(merged_into.map(JSONValue.string)),
            "last_event_at": .integer(last_event_at), "search_document": .string(search_document), "version": .integer(version),
            "last_position": .integer(last_position),
        ]
        if let events { members["events"] = .array(events.map(\.json)) }
        return .object(members)
    }

    /// JSON text of `rows` for one statement: the log's own writer (members unsorted), or Foundation's encoder for
    /// text it refuses (a NUL character).
    static func jsonText(_ rows: [StoredIncidentRow]) throws -> String {
        if let bytes = try? JSONValue.array(rows.map(\.json)).jsonBytes() { return String(decoding: bytes, as: UTF8.self) }
        return String(decoding: try JSONEncoder().encode(rows), as: UTF8.self)
    }
}

extension StoredIncidentEvent {
    /// The event as the JSON object stored in a row's `events`.
    var json: JSONValue {
        .object([
            "position": .integer(position), "stream": .string(stream), "version": .integer(version), "type": .string(type),
            "schemaVersion": .integer(Int64(schemaVersion)), "data": data, "recordedAt": .integer(recordedAt),
        ])
    }

    /// Reads a stored event back; nil when a member is missing or of the wrong kind.
    init?(json: JSONValue) {
        guard case .integer(let position)? = json["position"], case .string(let stream)? = json["stream"],
            case .integer(let version)? = json["version"], case .string(let type)? = json["type"],
            case .integer(let schemaVersion)? = json["schemaVersion"], let schema = Int32(exactly: schemaVersion),
            let data = json["data"], case .integer(let recordedAt)? = json["recordedAt"]
        else { return nil }
        self.init(
            position: position, stream: stream, version: version, type: type, schemaVersion: schema, data: data, recordedAt: recordedAt)
    }

    /// A stored list of events (a row's `events`, or the stored clock-rule events).
    static func list(_ text: String) throws -> [StoredIncidentEvent] {
        guard case .array(let values) = try JSONValue.parse(text.utf8) else { throw StoredIncidentEventError(text: text) }
        return try values.map { value in
            guard let event = StoredIncidentEvent(json: value) else { throw StoredIncidentEventError(text: text) }
            return event
        }
    }

    /// A stored event or list that does not have the shape written here.
    struct StoredIncidentEventError: Error, CustomStringConvertible {
        var text: String
        var description: String { "a stored incident event is not in the written shape: \(text.prefix(200))" }
    }
}
