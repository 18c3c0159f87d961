import Foundation

/// An event about to be appended: its id, type name, schema version and payload.
public struct NewEvent: Sendable, Hashable {
    /// Unique id of the event, chosen by the writer so that retries can be recognised.
    public var id: UUID
    /// The event's type name, e.g. `ReportFiled`.
    public var type: String
    /// The version of the payload's schema for this type.
    public var schemaVersion: Int32
    /// The payload.
    public var data: JSONValue

    /// Creates an event from raw parts.
    public init(id: UUID = UUID(), type: String, schemaVersion: Int32 = 1, data: JSONValue) {
        self.id = id
        self.type = type
        self.schemaVersion = schemaVersion
        self.data = data
    }

    /// Creates an event from a typed domain event, with the type's name and current schema version.
    public init<E: DomainEvent>(_ event: E, id: UUID = UUID()) throws {
        self.init(id: id, type: E.eventType, schemaVersion: E.schemaVersion, data: try JSONValue.encoding(event))
    }
}
