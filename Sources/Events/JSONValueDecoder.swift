import Foundation

/// Decodes a `Decodable` straight from a `JSONValue`, without writing and re-reading JSON text: how
/// events and metadata are read on every fold and rebuild. It covers plain values (strings,
/// booleans, numbers, arrays, objects); anything else (dates, data, URLs, decimals) or any failure
/// makes `JSONValue.decode(as:)` fall back to Foundation's decoder, whose answer and errors stand.
struct JSONValueDecoder: Decoder {
    let value: JSONValue
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    /// Thrown for a type this decoder leaves to Foundation.
    struct NotHandled: Error {}

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let members) = value else { throw NotHandled() }
        return KeyedDecodingContainer(Keyed<Key>(members: members, codingPath: codingPath))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let values) = value else { throw NotHandled() }
        return Unkeyed(values: values, codingPath: codingPath)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { Single(value: value, codingPath: codingPath) }

    /// One value as `T`: primitives directly, other types through their own `init(from:)`.
    static func unbox<T: Decodable>(_ value: JSONValue, as type: T.Type, path: [any CodingKey]) throws -> T {
        if let same = value as? T { return same }  // a JSONValue member
        if T.self == Date.self || T.self == Data.self || T.self == URL.self || T.self == Decimal.self { throw NotHandled() }
        // Other standard scalars decode themselves from a single value: left to Foundation, not recursed into.
        if T.self == Float.self || T.self == Int8.self || T.self == UInt.self || T.self == UInt8.self || T.self == UInt16.self
            || T.self == UInt32.self || T.self == UInt64.self
        {
            throw NotHandled()
        }
        if let primitive = try primitive(value, as: type) { return primitive }
        return try T(from: JSONValueDecoder(value: value, codingPath: path))
    }

    /// Strings, booleans and numbers, converted only when exact (as Foundation converts them).
    private static func primitive<T>(_ value: JSONValue, as type: T.Type) throws -> T? {
        switch (value, type) {
        case (.string(let text), is String.Type): return (text as! T)
        case (.bool(let flag), is Bool.Type): return (flag as! T)
        case (.integer(let number), is Int64.Type): return (number as! T)
        case (.integer(let number), is Int.Type): return try exact(Int(exactly: number)) as? T
        case (.integer(let number), is Int32.Type): return try exact(Int32(exactly: number)) as? T
        case (.integer(let number), is Int16.Type): return try exact(Int16(exactly: number)) as? T
        case (.integer(let number), is Double.Type): return (Double(number) as! T)
        case (.double(let number), is Double.Type): return (number as! T)
        case (_, is String.Type), (_, is Bool.Type), (_, is Int64.Type), (_, is Int.Type), (_, is Int32.Type), (_, is Int16.Type),
            (_, is Double.Type):
            throw NotHandled()
        default: return nil
        }
    }

    private static func exact<N>(_ number: N?) throws -> N {
        guard let number else { throw NotHandled() }
        return number
    }

    struct Keyed<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let members: [String: JSONValue]
        let codingPath: [any CodingKey]
        var allKeys: [Key] { members.keys.compactMap { Key(stringValue: $0) } }

        func contains(_ key: Key) -> Bool { members[key.stringValue] != nil }

        private func member(_ key: Key) throws -> JSONValue {
            guard let value = members[key.stringValue] else { throw NotHandled() }
            return value
        }

        func decodeNil(forKey key: Key) throws -> Bool { try member(key) == .null }

        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            try JSONValueDecoder.unbox(try member(key), as: type, path: codingPath + [key])
        }

        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
            -> KeyedDecodingContainer<NestedKey>
        {
            try JSONValueDecoder(value: try member(key), codingPath: codingPath + [key]).container(keyedBy: type)
        }

        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            try JSONValueDecoder(value: try member(key), codingPath: codingPath + [key]).unkeyedContainer()
        }

        func superDecoder() throws -> any Decoder { throw NotHandled() }
        func superDecoder(forKey key: Key) throws -> any Decoder { throw NotHandled() }
    }

    struct Unkeyed: UnkeyedDecodingContainer {
        let values: [JSONValue]
        let codingPath: [any CodingKey]
        var currentIndex = 0
        var count: Int? { values.count }
        var isAtEnd: Bool { currentIndex >= values.count }

        private mutating func next() throws -> JSONValue {
            guard !isAtEnd else { throw NotHandled() }
            defer { currentIndex += 1 }
            return values[currentIndex]
        }

        mutating func decodeNil() throws -> Bool {
            guard !isAtEnd else { throw NotHandled() }
            if values[currentIndex] == .null {
                currentIndex += 1
                return true
            }
            return false
        }

        mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
            let index = currentIndex
            return try JSONValueDecoder.unbox(try next(), as: type, path: codingPath + [IndexKey(intValue: index)])
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
            try JSONValueDecoder(value: try next(), codingPath: codingPath).container(keyedBy: type)
        }

        mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
            try JSONValueDecoder(value: try next(), codingPath: codingPath).unkeyedContainer()
        }

        mutating func superDecoder() throws -> any Decoder { throw NotHandled() }
    }

    struct Single: SingleValueDecodingContainer {
        let value: JSONValue
        let codingPath: [any CodingKey]

        func decodeNil() -> Bool { value == .null }

        func decode<T: Decodable>(_ type: T.Type) throws -> T {
            try JSONValueDecoder.unbox(value, as: type, path: codingPath)
        }
    }

    struct IndexKey: CodingKey {
        var intValue: Int?
        var stringValue: String { "\(intValue ?? 0)" }
        init(intValue: Int) { self.intValue = intValue }
        init?(stringValue: String) { nil }
    }
}
