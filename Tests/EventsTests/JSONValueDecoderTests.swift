import Foundation
import Testing

@testable import Events

/// `JSONValueDecoder`, behind `JSONValue.decode(as:)`: values decoded straight from a `JSONValue`
/// equal what Foundation decodes from the same JSON text, and what it does not handle is left to
/// Foundation (the same answer, the same errors).
@Suite("JSONValueDecoder")
struct JSONValueDecoderTests {
    struct Sample: Codable, Equatable {
        enum Kind: String, Codable { case a, b }
        struct Inner: Codable, Equatable {
            var n: Int
            var tags: [String]
        }
        var text: String
        var flag: Bool
        var count: Int64
        var small: Int32
        var ratio: Double
        var kind: Kind
        var optional: String?
        var absent: Int?
        var inner: Inner
        var list: [Inner]
        var map: [String: Int]
        var any: JSONValue
        var at: Timestamp
    }

    static func foundation<T: Decodable>(_ value: JSONValue, as type: T.Type) -> T? {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try? decoder.decode(T.self, from: Data(value.canonicalBytes()))
    }

    @Test("a nested document decodes straight from the value, equal to Foundation's decoding")
    func nested() throws {
        let json = try JSONValue.parse(
            #"""
            {"text":"Báo cáo","flag":true,"count":-9007199254740993,"small":7,"ratio":2,"kind":"b","optional":null,
             "inner":{"n":1,"tags":["x","y"]},"list":[{"n":2,"tags":[]}],"map":{"k":3},"any":{"z":[1,null,"s"]},
             "at":{"microsecondsSinceEpoch":1782957600000000}}
            """#.utf8)
        let direct = try JSONValueDecoder.unbox(json, as: Sample.self, path: [])
        #expect(direct == Self.foundation(json, as: Sample.self))
        #expect(try json.decode(as: Sample.self) == direct)
        #expect(direct.ratio == 2 && direct.optional == nil && direct.absent == nil && direct.kind == .b)
        let metadata = try JSONValue.parse(
            #"{"actor":{"tokenId":"t-1","role":"monitor"},"correlationId":"0b7c2b36-9f6e-4f7a-8a4e-2a1d7d6c9e10"}"#.utf8)
        let decoded = try JSONValueDecoder.unbox(metadata, as: EventMetadata.self, path: [])
        #expect(decoded == Self.foundation(metadata, as: EventMetadata.self))
        #expect(decoded.actor.tokenId == "t-1")
    }

    @Test("wrong kinds, missing keys and inexact numbers fail here and are answered by Foundation")
    func leftToFoundation() throws {
        struct Small: Codable, Equatable { var small: Int32 }
        struct Flag: Codable, Equatable { var flag: Bool }
        struct When: Codable, Equatable { var when: Date }
        for (text, type) in [
            (#"{"small":2147483648}"#, Small.self as any Decodable.Type), (#"{"small":1.5}"#, Small.self), (#"{}"#, Small.self),
            (#"{"small":"1"}"#, Small.self), (#"{"flag":1}"#, Flag.self), (#"{"flag":null}"#, Flag.self), (#"[]"#, Flag.self),
            (#"{"when":"2026-07-02T02:00:00Z"}"#, When.self),
        ] {
            let json = try JSONValue.parse(text.utf8)
            #expect((try? JSONValueDecoder.unbox(json, as: type, path: [])) == nil, "\(text)")
        }
        // What the fallback answers is Foundation's answer, success or failure alike.
        for text in [#"{"small":2147483648}"#, #"{"small":1.5}"#, #"{}"#, #"{"small":"1"}"#, #"{"small":2.0}"#] {
            let json = try JSONValue.parse(text.utf8)
            #expect((try? json.decode(as: Small.self)) == Self.foundation(json, as: Small.self), "\(text)")
        }
        for text in [#"{"flag":1}"#, #"{"flag":null}"#, #"[]"#, #"{"flag":false}"#] {
            let json = try JSONValue.parse(text.utf8)
            #expect((try? json.decode(as: Flag.self)) == Self.foundation(json, as: Flag.self), "\(text)")
        }
        let when = try JSONValue.parse(#"{"when":"2026-07-02T02:00:00Z"}"#.utf8)
        #expect(try when.decode(as: When.self) == Self.foundation(when, as: When.self))
        #expect(throws: DecodingError.self) { try JSONValue.parse(#"{"small":1.5}"#.utf8).decode(as: Small.self) }
        #expect(try JSONValue.parse(#"{"small":2.0}"#.utf8).decode(as: Small.self) == Small(small: 2))
    }
}
