/// Decodes a `Decodable` request body from the `JSONValue` a client sent (`JSONValue.parseInput`),
/// converting nothing inexactly and keeping a ledger of the members the type read, so that members it
/// does not know are refused instead of dropped. Errors are `DecodingError`s with the coding path, as
/// Foundation's decoder gives them; an unknown member is a `JSONInputError` naming it.
struct JSONInputDecoder: Decoder {
    let value: JSONValue
    let codingPath: [any CodingKey]
    let ledger: MemberLedger
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    /// The members each object was asked for, by the object's path; objects read as free-form maps are open.
    final class MemberLedger {
        var read: [String: Set<String>] = [:]
        var open: Set<String> = []

        func note(_ key: String, at path: [any CodingKey]) { read[Self.name(path), default: []].insert(key) }
        func opened(_ path: [any CodingKey]) { open.insert(Self.name(path)) }

        static func name(_ path: [any CodingKey]) -> String {
            var text = ""
            for key in path {
                if let index = key.intValue, key.stringValue == "\(index)" || key is IndexKey {
                    text += "[\(index)]"
                } else {
                    text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
                }
            }
            return text
        }

        /// The first object member (in key order, outermost first) that no decoder asked for.
        func unknownMember(in value: JSONValue, at path: String = "") -> JSONInputError? {
            switch value {
            case .object(let members):
                guard !open.contains(path) else { return nil }
                let read = read[path] ?? []
                let unknown = members.keys.filter { !read.contains($0) }.sorted()
                if let first = unknown.first {
                    let field = path.isEmpty ? first : "\(path).\(first)"
                    let known = read.sorted().map { "'\($0)'" }.joined(separator: ", ")
                    let listed = unknown.map { "'\($0)'" }.joined(separator: ", ")
                    return JSONInputError(
                        field: field,
                        reason: "unknown member\(unknown.count > 1 ? "s" : "") \(listed)\(path.isEmpty ? "" : " in '\(path)'"); "
                            + (known.isEmpty ? "it takes no members" : "it takes \(known)"))
                }
                for key in members.keys.sorted() {
                    if let error = unknownMember(in: members[key]!, at: path.isEmpty ? key : "\(path).\(key)") { return error }
                }
                return nil
            case .array(let values):
                for (index, element) in values.enumerated() {
                    if let error = unknownMember(in: element, at: "\(path)[\(index)]") { return error }
                }
                return nil
            default:
                return nil
            }
        }
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let members) = value else { throw Self.mismatch([String: JSONValue].self, value, codingPath) }
        return KeyedDecodingContainer(Keyed<Key>(members: members, codingPath: codingPath, ledger: ledger))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let values) = value else { throw Self.mismatch([JSONValue].self, value, codingPath) }
        return Unkeyed(values: values, codingPath: codingPath, ledger: ledger)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        Single(value: value, codingPath: codingPath, ledger: ledger)
    }

    /// One value as `T`: primitives converted only when exact, others through their own `init(from:)`.
    static func unbox<T: Decodable>(_ value: JSONValue, as type: T.Type, path: [any CodingKey], ledger: MemberLedger) throws -> T {
        if let same = value as? T {  // a free-form JSONValue member
            ledger.opened(path)
            markOpen(value, path: MemberLedger.name(path), ledger: ledger)
            return same
        }
        switch type {
        case is String.Type:
            guard case .string(let text) = value else { throw mismatch(type, value, path) }
            return text as! T
        case is Bool.Type:
            guard case .bool(let flag) = value else { throw mismatch(type, value, path) }
            return flag as! T
        case is Double.Type:
            switch value {
            case .integer(let number): return Double(number) as! T
            case .double(let number): return number as! T
            default: throw mismatch(type, value, path)
            }
        case is Int.Type: return try integer(value, as: Int.self, path: path) as! T
        case is Int64.Type: return try integer(value, as: Int64.self, path: path) as! T
        case is Int32.Type: return try integer(value, as: Int32.self, path: path) as! T
        case is Int16.Type: return try integer(value, as: Int16.self, path: path) as! T
        case is Int8.Type: return try integer(value, as: Int8.self, path: path) as! T
        case is UInt.Type: return try integer(value, as: UInt.self, path: path) as! T
        case is UInt64.Type: return try integer(value, as: UInt64.self, path: path) as! T
        case is UInt32.Type: return try integer(value, as: UInt32.self, path: path) as! T
        case is UInt16.Type: return try integer(value, as: UInt16.self, path: path) as! T
        case is UInt8.Type: return try integer(value, as: UInt8.self, path: path) as! T
        case is Float.Type:
            switch value {
            case .integer(let number): return Float(number) as! T
            case .double(let number): return Float(number) as! T
            default: throw mismatch(type, value, path)
            }
        default:
            return try T(from: JSONInputDecoder(value: value, codingPath: path, ledger: ledger))
        }
    }

    private static func markOpen(_ value: JSONValue, path: String, ledger: MemberLedger) {
        ledger.open.insert(path)
        switch value {
        case .object(let members):
            for (key, member) in members { markOpen(member, path: path.isEmpty ? key : "\(path).\(key)", ledger: ledger) }
        case .array(let values):
            for (index, element) in values.enumerated() { markOpen(element, path: "\(path)[\(index)]", ledger: ledger) }
        default: break
        }
    }

    /// An integer of type `N`, only from a whole number within `N`'s range: never rounded or clamped.
    private static func integer<N: FixedWidthInteger>(_ value: JSONValue, as type: N.Type, path: [any CodingKey]) throws -> N {
        switch value {
        case .integer(let number):
            guard let exact = N(exactly: number) else {
                throw DecodingError.dataCorrupted(
                    .init(codingPath: path, debugDescription: "\(number) is out of range: it must lie within \(N.min) to \(N.max)"))
            }
            return exact
        case .double(let number):
            throw DecodingError.dataCorrupted(
                .init(codingPath: path, debugDescription: "must be a whole number (an integer); \(number) has a fractional part"))
        default:
            throw mismatch(type, value, path)
        }
    }

    static func mismatch(_ type: Any.Type, _ value: JSONValue, _ path: [any CodingKey]) -> DecodingError {
        let expected: String
        switch type {
        case is String.Type: expected = "a string"
        case is Bool.Type: expected = "true or false"
        case is Double.Type, is Float.Type: expected = "a number"
        case is any FixedWidthInteger.Type: expected = "an integer"
        case is [String: JSONValue].Type: expected = "an object"
        case is [JSONValue].Type: expected = "an array"
        default: expected = "\(type)"
        }
        return DecodingError.typeMismatch(type, .init(codingPath: path, debugDescription: "expected \(expected), found \(value.kindName)"))
    }

    struct Keyed<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let members: [String: JSONValue]
        let codingPath: [any CodingKey]
        let ledger: MemberLedger

        /// Every key: the object is a free-form map, whose members are all read.
        var allKeys: [Key] {
            ledger.opened(codingPath)
            return members.keys.compactMap { Key(stringValue: $0) }
        }

        func contains(_ key: Key) -> Bool {
            ledger.note(key.stringValue, at: codingPath)
            return members[key.stringValue] != nil
        }

        private func member(_ key: Key) throws -> JSONValue {
            ledger.note(key.stringValue, at: codingPath)
            guard let value = members[key.stringValue] else {
                throw DecodingError.keyNotFound(
                    key, .init(codingPath: codingPath, debugDescription: "the member '\(key.stringValue)' is required"))
            }
            return value
        }

        func decodeNil(forKey key: Key) throws -> Bool { try member(key) == .null }

        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            let value = try member(key)
            if value == .null, !(T.self is any AbsentValue.Type) {
                throw DecodingError.valueNotFound(
                    type, .init(codingPath: codingPath + [key], debugDescription: "'\(key.stringValue)' must not be null"))
            }
            return try JSONInputDecoder.unbox(value, as: type, path: codingPath + [key], ledger: ledger)
        }

        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
            -> KeyedDecodingContainer<NestedKey>
        {
            try JSONInputDecoder(value: try member(key), codingPath: codingPath + [key], ledger: ledger).container(keyedBy: type)
        }

        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            try JSONInputDecoder(value: try member(key), codingPath: codingPath + [key], ledger: ledger).unkeyedContainer()
        }

        func superDecoder() throws -> any Decoder {
            let key = IndexKey(stringValue: "super")
            ledger.note(key.stringValue, at: codingPath)
            return JSONInputDecoder(value: members[key.stringValue] ?? .null, codingPath: codingPath + [key], ledger: ledger)
        }

        func superDecoder(forKey key: Key) throws -> any Decoder {
            ledger.note(key.stringValue, at: codingPath)
            return JSONInputDecoder(value: members[key.stringValue] ?? .null, codingPath: codingPath + [key], ledger: ledger)
        }
    }

    struct Unkeyed: UnkeyedDecodingContainer {
        let values: [JSONValue]
        let codingPath: [any CodingKey]
        let ledger: MemberLedger
        var currentIndex = 0
        var count: Int? { values.count }
        var isAtEnd: Bool { currentIndex >= values.count }

        private mutating func next<T>(_ type: T.Type) throws -> (JSONValue, [any CodingKey]) {
            let path = codingPath + [IndexKey(intValue: currentIndex)]
            guard !isAtEnd else {
                throw DecodingError.valueNotFound(type, .init(codingPath: path, debugDescription: "the array has no more elements"))
            }
            defer { currentIndex += 1 }
            return (values[currentIndex], path)
        }

        mutating func decodeNil() throws -> Bool {
            guard !isAtEnd else {
                throw DecodingError.valueNotFound(
                    JSONValue.self,
                    .init(codingPath: codingPath + [IndexKey(intValue: currentIndex)], debugDescription: "the array has no more elements"))
            }
            if values[currentIndex] == .null {
                currentIndex += 1
                return true
            }
            return false
        }

        mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
            let (value, path) = try next(type)
            if value == .null, !(T.self is any AbsentValue.Type) {
                throw DecodingError.valueNotFound(type, .init(codingPath: path, debugDescription: "the element must not be null"))
            }
            return try JSONInputDecoder.unbox(value, as: type, path: path, ledger: ledger)
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
            let (value, path) = try next(JSONValue.self)
            return try JSONInputDecoder(value: value, codingPath: path, ledger: ledger).container(keyedBy: type)
        }

        mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
            let (value, path) = try next(JSONValue.self)
            return try JSONInputDecoder(value: value, codingPath: path, ledger: ledger).unkeyedContainer()
        }

        mutating func superDecoder() throws -> any Decoder {
            let (value, path) = try next(JSONValue.self)
            return JSONInputDecoder(value: value, codingPath: path, ledger: ledger)
        }
    }

    struct Single: SingleValueDecodingContainer {
        let value: JSONValue
        let codingPath: [any CodingKey]
        let ledger: MemberLedger

        func decodeNil() -> Bool { value == .null }

        func decode<T: Decodable>(_ type: T.Type) throws -> T {
            if value == .null, !(T.self is any AbsentValue.Type) {
                throw DecodingError.valueNotFound(type, .init(codingPath: codingPath, debugDescription: "the value must not be null"))
            }
            return try JSONInputDecoder.unbox(value, as: type, path: codingPath, ledger: ledger)
        }
    }

    struct IndexKey: CodingKey {
        var intValue: Int?
        var stringValue: String
        init(intValue: Int) {
            self.intValue = intValue
            self.stringValue = "\(intValue)"
        }
        init(stringValue: String) {
            self.intValue = nil
            self.stringValue = stringValue
        }
    }
}

extension JSONValue {
    /// Decodes a document a client sent (read with `parseInput`) as `T`: numbers converted only when
    /// exact, and every member of every object must be one `T` reads. Throws `DecodingError` (with
    /// the coding path) for a missing, null or mistyped member, `JSONInputError` naming an unknown one.
    public func decodeInput<T: Decodable>(as type: T.Type = T.self) throws -> T {
        let ledger = JSONInputDecoder.MemberLedger()
        let decoded = try JSONInputDecoder.unbox(self, as: type, path: [], ledger: ledger)
        if let unknown = ledger.unknownMember(in: self) { throw unknown }
        return decoded
    }

    /// What kind of JSON value this is, for error messages.
    var kindName: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .integer, .double: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}

/// Types that take `null` as a value of their own (optionals, `JSONValue`).
private protocol AbsentValue {}
extension Optional: AbsentValue {}
extension JSONValue: AbsentValue {}
