import Foundation
import Testing

@testable import Events

/// `JSONText`, the fast reader behind `JSONValue.parse`: whenever it answers, the answer is exactly
/// Foundation's (the hash chain is computed from these values); what it does not take on, it leaves
/// to Foundation (nil).
@Suite("JSONText")
struct JSONTextTests {
    static func foundation(_ text: String) -> JSONValue? {
        try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }

    @Test("the log's common shapes are read here, and equal Foundation's reading")
    func commonShapes() throws {
        let texts = [
            #"{"a":1,"b":[true,false,null],"c":{"d":"é\n\"x\"\\ \/ \u00e9 \u4e2d \t\r\b\f"},"e":-9223372036854775808}"#,
            #"  [ 1 , -0 , 0 , 9223372036854775807 , "" , {} , [] , { "k" : [ { } ] } ]  "#,
            #""Báo cáo tháng — Phản ánh số 7""#, "true", "null", "42", "-7",
            #"{"reportId":"r-1","duty":{"obligationId":"thang","unitId":"xa-1","period":"2026-06"},"topics":["đất đai"]}"#,
        ]
        for text in texts {
            let fast = try #require(JSONText.value(of: Array(text.utf8)), "\(text) should be read by JSONText")
            #expect(fast == Self.foundation(text), "\(text)")
            #expect(try JSONValue.parse(text.utf8) == fast)
        }
    }

    @Test("fractions, exponents, big numbers, repeated keys and surrogates are left to Foundation, which decides")
    func leftToFoundation() throws {
        let texts = [
            "1.0", "1e2", "-1.5E-3", "1.5e18", "9223372036854775808", "-9223372036854775809", "123456789012345678901234",
            #"{"a":1,"a":2}"#, "{\"e\u{301}\":1,\"\u{e9}\":2}", #""\ud83d\ude00""#, #""\ud83d""#, #"{"x":0.1}"#,
        ]
        for text in texts {
            #expect(JSONText.value(of: Array(text.utf8)) == nil, "\(text)")
            #expect((try? JSONValue.parse(text.utf8)) == Self.foundation(text), "\(text)")
        }
        #expect(try JSONValue.parse("1e2".utf8) == Self.foundation("1e2"))
        #expect(try JSONValue.parse(#""\ud83d\ude00""#.utf8) == .string("😀"))
    }

    @Test("malformed text is never read as a value: it fails as Foundation fails")
    func malformed() {
        let texts = [
            "", " ", "{", "}", "[1,]", "[,1]", "{\"a\"1}", "{\"a\":}", "{a:1}", "01", "-", "--1", "+1", "1 2", "tru", "nul",
            "\"abc", "\"a\u{1}b\"", #""\x""#, #""\u12""#, #""\u12g4""#, "[1]]", "{\"a\":1,}", "'a'", "NaN", "\u{feff}1",
        ]
        for text in texts {
            #expect(JSONText.value(of: Array(text.utf8)) == nil, "\(text.debugDescription)")
            #expect((try? JSONValue.parse(text.utf8)) == Self.foundation(text), "\(text.debugDescription)")
        }
        #expect(JSONText.value(of: [0x22, 0xFF, 0x22]) == nil, "invalid UTF-8")
        #expect(JSONText.value(of: Array(String(repeating: "[", count: 300).utf8) + Array(String(repeating: "]", count: 300).utf8)) == nil)
    }

    @Test("random documents: the fast reading equals Foundation's whenever it answers; the unsorted writer round-trips")
    func randomDocuments() throws {
        var generator = SystemRandomNumberGenerator()
        var read = 0
        for _ in 0..<2_000 {
            let value = Self.randomValue(depth: 0, using: &generator)
            let text = String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
            // The unsorted writer says the same as the canonical one, member order aside.
            if let unsorted = try? value.jsonBytes() {
                #expect(try JSONValue.parse(unsorted).canonicalBytes() == value.canonicalBytes())
            } else {
                #expect(throws: CanonicalFormError.self) { try value.canonicalBytes() }
            }
            if let fast = JSONText.value(of: Array(text.utf8)) {
                read += 1
                #expect(fast == Self.foundation(text), "\(text)")
            }
        }
        #expect(read > 1_000, "most generated documents are read by the fast path (\(read))")
    }

    static func randomValue(depth: Int, using generator: inout some RandomNumberGenerator) -> JSONValue {
        switch Int.random(in: 0..<(depth > 3 ? 5 : 7), using: &generator) {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &generator))
        case 2: return .integer(Int64.random(in: .min ... .max, using: &generator) >> Int64.random(in: 0...63, using: &generator))
        case 3:
            return Int.random(in: 0..<20, using: &generator) == 0 ? .double(Double.random(in: -1e6...1e6, using: &generator)) : .integer(7)
        case 4:
            let alphabet = Array("aé中😀\"\\/\n\t\u{1}\u{7f} Đ")
            return .string(String((0..<Int.random(in: 0...8, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }))
        case 5: return .array((0..<Int.random(in: 0...4, using: &generator)).map { _ in randomValue(depth: depth + 1, using: &generator) })
        default:
            var members: [String: JSONValue] = [:]
            for index in 0..<Int.random(in: 0...4, using: &generator) {
                members["k\(index)"] = randomValue(depth: depth + 1, using: &generator)
            }
            return .object(members)
        }
    }
}
