/// The name of an event stream, e.g. `unit-3f2a…` or `incident-…`: 1–200 characters of letters,
/// digits and `-._:`, starting with a letter or digit, so it is safe in URLs, logs and SQL.
public struct StreamID: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The stream's name as stored in the log.
    public let rawValue: String

    /// The rule, as shown in error messages.
    public static let pattern = "^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$"

    /// The longest stream name the log accepts.
    public static let maximumLength = 200

    /// Validates a stream name; returns nil when it breaks the rule above.
    public init?(_ rawValue: String) {
        guard Self.isValid(rawValue) else { return nil }
        self.rawValue = rawValue
    }

    /// Whether `text` is an acceptable stream name.
    public static func isValid(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard (1...maximumLength).contains(bytes.count) else { return false }
        func isAlphanumeric(_ b: UInt8) -> Bool {
            (48...57).contains(b) || (65...90).contains(b) || (97...122).contains(b)
        }
        guard isAlphanumeric(bytes[0]) else { return false }
        return bytes.allSatisfy {
            isAlphanumeric($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ":")
        }
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let id = StreamID(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "invalid stream id"))
        }
        self = id
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }
}
