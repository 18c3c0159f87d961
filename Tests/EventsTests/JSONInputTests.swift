import Foundation
import Testing

@testable import Events

/// `JSONValue.parseInput` and `decodeInput`, how every write body is read: numbers are taken only as
/// the log can hold them exactly, never rounded; unknown members and repeated keys are refused; every
/// refusal names the member at fault.
@Suite("JSON input")
struct JSONInputTests {
    static func refusal(_ text: String) -> JSONInputError? {
        do {
            _ = try JSONValue.parseInput(text.utf8)
            return nil
        } catch {
            return error
        }
    }

    @Test(
        "numbers the log holds exactly are taken as written",
        arguments: [
            ("9007199254740991", JSONValue.integer(9_007_199_254_740_991)),
            ("-9007199254740991", .integer(-9_007_199_254_740_991)),
            ("0", .integer(0)), ("-0", .integer(0)), ("1.0", .integer(1)), ("1e2", .integer(100)), ("2.50E1", .integer(25)),
            ("0.1", .double(0.1)), ("23.5", .double(23.5)), ("-2.5e-3", .double(-0.0025)), ("1e-07", .double(1e-07)),
            ("5e-324", .double(5e-324)), ("0.30000000000000004", .double(0.30000000000000004)),
        ])
    func exactNumbers(_ text: String, _ expected: JSONValue) throws {
        #expect(try JSONValue.parseInput(#"{"n":\#(text)}"#.utf8) == .object(["n": expected]))
    }

    @Test(
        "integers beyond ±(2^53 − 1) are refused, naming the member and the range",
        arguments: ["9007199254740992", "9007199254740993", "-9007199254740993", "1e16", "123456789012345678901234567890", "1e999999999"])
    func integersOutOfRange(_ text: String) throws {
        let error = try #require(Self.refusal(#"{"incident":{"reach":\#(text)}}"#))
        #expect(error.field == "incident.reach")
        #expect(error.reason.contains(text))
        #expect(error.reason.contains("out of range"))
    }

    @Test(
        "numbers a double would round are refused, never stored rounded",
        arguments: [("1e-400", "0"), ("100.000000000000001", "100"), ("0.1000000000000000000001", "0.1"), ("1.5e-400", "0")])
    func roundedNumbers(_ text: String, _ stored: String) throws {
        let error = try #require(Self.refusal(#"[1,{"x":[0,\#(text)]}]"#))
        #expect(error.field == "[1].x[1]")
        #expect(error.reason.contains("cannot be stored exactly"))
        #expect(error.reason.contains("stored as \(stored))"))
    }

    @Test("repeated keys, lone surrogates, invalid UTF-8, deep nesting and malformed text are refused")
    func otherRefusals() throws {
        #expect(Self.refusal(#"{"a":{"b":1,"b":2}}"#)?.field == "a.b")
        #expect(Self.refusal(#"{"a":{"b":1,"b":2}}"#)?.reason.contains("more than once") == true)
        #expect(Self.refusal(#"{"s":"\ud800"}"#)?.field == "s")
        #expect(Self.refusal(#"{"s":"\ud800"}"#)?.reason.contains("surrogate") == true)
        #expect(try JSONValue.parseInput(#"{"s":"\ud83d\ude00"}"#.utf8) == .object(["s": .string("😀")]))
        var invalid = Array(#"{"s":""#.utf8)
        invalid += [0xC3, 0x28] + Array(#""}"#.utf8)
        #expect(throws: JSONInputError.self) { try JSONValue.parseInput(invalid) }
        #expect(Self.refusal(String(repeating: "[", count: 300) + String(repeating: "]", count: 300))?.reason.contains("nested") == true)
        for text in ["", "{", #"{"a":}"#, "01", "1.", "-", #"{"a":1}x"#, "NaN", "[1,]"] {
            #expect(Self.refusal(text)?.reason.contains("not valid JSON") == true, "\(text)")
        }
    }

    struct Body: Decodable, Equatable {
        struct Inner: Decodable, Equatable {
            var kind: String
            var count: Int?
        }
        var name: String
        var reach: Int64?
        var small: Int16?
        var share: Double?
        var inner: Inner?
        var list: [Inner]?
        var free: [String: JSONValue]?
    }

    static func decoded(_ text: String) throws -> Body { try JSONValue.parseInput(text.utf8).decodeInput(as: Body.self) }

    @Test("a body decodes when every member is one its type reads")
    func decodes() throws {
        let body = try Self.decoded(
            #"{"name":"x","reach":9007199254740991,"share":0.25,"inner":{"kind":"k","count":null},"list":[{"kind":"a"}],"free":{"any":{"z":1}},"small":-5}"#
        )
        #expect(
            body
                == Body(
                    name: "x", reach: 9_007_199_254_740_991, small: -5, share: 0.25, inner: .init(kind: "k", count: nil),
                    list: [.init(kind: "a", count: nil)], free: ["any": .object(["z": .integer(1)])]))
    }

    @Test("unknown members are refused, naming the member, at any depth")
    func unknownMembers() throws {
        #expect(
            throws: JSONInputError(
                field: "nmae", reason: "unknown member 'nmae'; it takes 'free', 'inner', 'list', 'name', 'reach', 'share', 'small'")
        ) {
            try Self.decoded(#"{"name":"x","nmae":"y"}"#)
        }
        #expect(throws: JSONInputError.self) { try Self.decoded(#"{"name":"x","inner":{"kind":"k","extra":1}}"#) }
        do {
            _ = try Self.decoded(#"{"name":"x","list":[{"kind":"a"},{"kind":"b","severty":"high"}]}"#)
            Issue.record("an unknown member was accepted")
        } catch let error as JSONInputError {
            #expect(error.field == "list[1].severty")
        }
    }

    @Test("a fraction for an integer member, or a value beyond its range, is refused at that member")
    func integerMembers() throws {
        for (text, field, words) in [
            (#"{"name":"x","reach":23.5}"#, "reach", "fractional part"),
            (#"{"name":"x","inner":{"kind":"k","count":0.1}}"#, "inner.count", "fractional part"),
            (#"{"name":"x","small":40000}"#, "small", "out of range"),
            (#"{"name":"x","reach":"12"}"#, "reach", "expected an integer"),
        ] {
            do {
                _ = try Self.decoded(text)
                Issue.record("\(text) was accepted")
            } catch let error as DecodingError {
                switch error {
                case .dataCorrupted(let context), .typeMismatch(_, let context):
                    #expect(context.codingPath.map(\.stringValue).joined(separator: ".") == field)
                    #expect(context.debugDescription.contains(words), "\(context.debugDescription)")
                default: Issue.record("\(error)")
                }
            }
        }
    }

    @Test("a missing or null required member is a DecodingError with its key")
    func missing() throws {
        #expect {
            try Self.decoded(#"{"reach":1}"#)
        } throws: { error in
            guard case DecodingError.keyNotFound(let key, _) = error else { return false }
            return key.stringValue == "name"
        }
        #expect {
            try Self.decoded(#"{"name":null}"#)
        } throws: { error in
            guard case DecodingError.valueNotFound = error else { return false }
            return true
        }
    }
}
