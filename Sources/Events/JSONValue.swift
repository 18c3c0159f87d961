import Foundation

/// A JSON document held as plain values, so events can be hashed, compared and stored without
/// depending on any one encoder's key order or number formatting.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case integer(Int64)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])
}

extension JSONValue: Codable {
    /// Decodes any JSON value; numbers that fit a 64-bit integer stay integers.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .integer(value)
        } else if let value = try? container.decode(Double.self) {
            self = .double(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    /// Encodes the value as the JSON it stands for.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .integer(let value): try container.encode(value)
        case .double(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }
}

extension JSONValue {
    /// Parses JSON text; throws `DecodingError` when the text is not JSON. Common documents are read
    /// by `JSONText`; anything it leaves open is decided by Foundation's decoder, as before.
    public static func parse(_ bytes: some Sequence<UInt8>) throws -> JSONValue {
        let array = Array(bytes)
        if let value = JSONText.value(of: array) { return value }
        return try JSONDecoder().decode(JSONValue.self, from: Data(array))
    }

    /// Converts any `Encodable` value (an event payload, metadata) into a `JSONValue`.
    public static func encoding(_ value: some Encodable) throws -> JSONValue {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        return try JSONDecoder().decode(JSONValue.self, from: encoder.encode(value))
    }

    /// Decodes this JSON into a `Decodable` type, such as a typed event payload: straight from the
    /// value when `JSONValueDecoder` can, else (and for every error) as Foundation decodes its text.
    public func decode<T: Decodable>(as type: T.Type = T.self) throws -> T {
        if let value = try? JSONValueDecoder.unbox(self, as: type, path: []) { return value }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(T.self, from: Data(canonicalBytes()))
    }

    /// The member of an object with the given key, or nil.
    public subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }
}
