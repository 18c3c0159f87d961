/// A typed event of the domain vocabulary: a Codable value with a stable type name and a schema version.
public protocol DomainEvent: Codable, Sendable {
    /// The name stored in the log, e.g. `ReportFiled`; never changes once events exist.
    static var eventType: String { get }
    /// The current schema version of the payload; bump it and add an upcaster when the shape changes.
    static var schemaVersion: Int32 { get }
}

/// Turns a payload written with an older schema version into the next version's shape.
public struct Upcaster: Sendable {
    /// The event type this upcaster applies to.
    public let eventType: String
    /// The schema version it reads; it produces `fromVersion + 1`.
    public let fromVersion: Int32
    /// The conversion, a pure function over JSON.
    public let upcast: @Sendable (JSONValue) throws -> JSONValue

    /// Creates an upcaster from `fromVersion` to `fromVersion + 1`.
    public init(eventType: String, fromVersion: Int32, upcast: @escaping @Sendable (JSONValue) throws -> JSONValue) {
        self.eventType = eventType
        self.fromVersion = fromVersion
        self.upcast = upcast
    }
}

/// Why a recorded event could not be decoded into a typed event.
public enum EventDecodingError: Error, Sendable, Hashable {
    /// The recorded type is not the one asked for.
    case typeMismatch(expected: String, found: String)
    /// No upcaster leads from the recorded schema version to the current one.
    case noUpcastPath(type: String, from: Int32, to: Int32)
    /// The recorded version is newer than this code knows.
    case newerThanCode(type: String, recorded: Int32, known: Int32)
    /// The payload does not match the type's shape.
    case invalidPayload(type: String, reason: String)
}

/// Decodes recorded events into typed ones, upcasting older schema versions on the way; the log
/// itself is never rewritten.
public struct EventDecoder: Sendable {
    private let upcasters: [String: [Int32: Upcaster]]

    /// Creates a decoder with the given upcasters.
    public init(upcasters: [Upcaster] = []) {
        var table: [String: [Int32: Upcaster]] = [:]
        for upcaster in upcasters { table[upcaster.eventType, default: [:]][upcaster.fromVersion] = upcaster }
        self.upcasters = table
    }

    /// Decodes `event` as `E`, upcasting its payload to `E.schemaVersion` first.
    public func decode<E: DomainEvent>(_ event: RecordedEvent, as type: E.Type = E.self) throws -> E {
        guard event.type == E.eventType else {
            throw EventDecodingError.typeMismatch(expected: E.eventType, found: event.type)
        }
        guard event.schemaVersion <= E.schemaVersion else {
            throw EventDecodingError.newerThanCode(type: event.type, recorded: event.schemaVersion, known: E.schemaVersion)
        }
        var data = event.data
        var version = event.schemaVersion
        while version < E.schemaVersion {
            guard let upcaster = upcasters[event.type]?[version] else {
                throw EventDecodingError.noUpcastPath(type: event.type, from: event.schemaVersion, to: E.schemaVersion)
            }
            data = try upcaster.upcast(data)
            version += 1
        }
        do {
            return try data.decode(as: E.self)
        } catch {
            throw EventDecodingError.invalidPayload(type: event.type, reason: String(describing: error))
        }
    }
}
