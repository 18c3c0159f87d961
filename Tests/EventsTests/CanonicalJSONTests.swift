import Events
import Testing

/// The canonical JSON form that the hash chain covers, checked byte by byte against hand-written expectations.
@Suite("Canonical JSON")
struct CanonicalJSONTests {
    private func canonical(_ value: JSONValue) throws -> String {
        String(decoding: try value.canonicalBytes(), as: UTF8.self)
    }

    @Test("object keys are sorted by Unicode code point, not by UTF-16 unit or locale")
    func keyOrder() throws {
        let value: JSONValue = .object([
            "b": .integer(1), "a": .integer(2), "B": .integer(3), "aa": .integer(4), "é": .integer(5),
            "\u{1F600}": .integer(6), "\u{FF61}": .integer(7), "": .integer(8),
        ])
        // U+FF61 sorts before U+1F600 by code point; UTF-16 order would put the surrogate pair first.
        #expect(try canonical(value) == "{\"\":8,\"B\":3,\"a\":2,\"aa\":4,\"b\":1,\"é\":5,\"\u{FF61}\":7,\"\u{1F600}\":6}")
    }

    @Test("nested values carry no whitespace at all")
    func noWhitespace() throws {
        let value: JSONValue = .object([
            "list": .array([.null, .bool(true), .bool(false), .object([:]), .array([]), .string("a b")]),
            "inner": .object(["z": .array([.integer(1), .integer(2)]), "y": .object(["x": .null])]),
        ])
        #expect(try canonical(value) == #"{"inner":{"y":{"x":null},"z":[1,2]},"list":[null,true,false,{},[],"a b"]}"#)
    }

    @Test("quote, backslash and control characters are escaped; slash and DEL are not")
    func escaping() throws {
        let value: JSONValue = .string("q\"b\\s/\u{08}\u{0C}\n\r\t\u{01}\u{1B}\u{1F}\u{7F}")
        let expected = Array(#""q\"b\\s/\b\f\n\r\t\u0001\u001b\u001f"#.utf8) + [0x7F, UInt8(ascii: "\"")]
        #expect(try value.canonicalBytes() == expected)
    }

    @Test("keys are escaped like strings")
    func keyEscaping() throws {
        let value: JSONValue = .object(["a\"\n": .integer(1)])
        #expect(try canonical(value) == #"{"a\"\n":1}"#)
    }

    @Test("non-ASCII text is written as raw UTF-8, never as \\u escapes")
    func rawUTF8() throws {
        let bytes = try JSONValue.string("Dư luận xã hội").canonicalBytes()
        // "ư" is U+01B0 → C6 B0, "ậ" is U+1EAD → E1 BA AD, "ã" is U+00E3 → C3 A3, "ộ" is U+1ED9 → E1 BB 99.
        let expected: [UInt8] = [
            0x22, 0x44, 0xC6, 0xB0, 0x20, 0x6C, 0x75, 0xE1, 0xBA, 0xAD, 0x6E, 0x20, 0x78, 0xC3, 0xA3, 0x20,
            0x68, 0xE1, 0xBB, 0x99, 0x69, 0x22,
        ]
        #expect(bytes == expected)
        #expect(try JSONValue.string("\u{1F600}").canonicalBytes() == [0x22, 0xF0, 0x9F, 0x98, 0x80, 0x22])
    }

    @Test("text is not Unicode-normalised: decomposed and precomposed forms stay distinct bytes")
    func noNormalisation() throws {
        #expect(try JSONValue.string("e\u{301}").canonicalBytes() == [0x22, 0x65, 0xCC, 0x81, 0x22])
        #expect(try JSONValue.string("\u{E9}").canonicalBytes() == [0x22, 0xC3, 0xA9, 0x22])
    }

    @Test("U+0000 is refused in values and in keys")
    func nulRefused() {
        #expect(throws: CanonicalFormError.nulCharacter) { try JSONValue.string("a\u{0}b").canonicalBytes() }
        #expect(throws: CanonicalFormError.nulCharacter) {
            try JSONValue.object(["k\u{0}": .null]).canonicalBytes()
        }
        #expect(throws: CanonicalFormError.nulCharacter) {
            try JSONValue.array([.integer(1), .string("\u{0}")]).canonicalBytes()
        }
    }

    @Test("integers are written in plain decimal, including the 64-bit extremes")
    func integers() throws {
        let value: JSONValue = .array([.integer(0), .integer(-1), .integer(42), .integer(.max), .integer(.min)])
        #expect(try canonical(value) == "[0,-1,42,9223372036854775807,-9223372036854775808]")
    }

    @Test("integral doubles below 2^53 are written as integers")
    func integralDoubles() throws {
        let value: JSONValue = .array([
            .double(3.0), .double(-7.0), .double(0.0), .double(-0.0), .double(1e15), .double(9_007_199_254_740_991),
        ])
        #expect(try canonical(value) == "[3,-7,0,0,1000000000000000,9007199254740991]")
    }

    @Test("fractional doubles use the shortest round-trip spelling")
    func fractionalDoubles() throws {
        let value: JSONValue = .array([
            .double(0.5), .double(-2.75), .double(0.1), .double(1e-7), .double(0.0001), .double(123456789012345.6),
        ])
        #expect(try canonical(value) == "[0.5,-2.75,0.1,1e-07,0.0001,123456789012345.6]")
    }

    @Test(
        "numbers with no single agreed spelling are refused",
        arguments: [Double.nan, .infinity, -.infinity, 9_007_199_254_740_992, -9_007_199_254_740_992, 1e300])
    func unrepresentableNumbers(_ number: Double) {
        #expect {
            try JSONValue.object(["n": .double(number)]).canonicalBytes()
        } throws: { error in
            guard case CanonicalFormError.unrepresentableNumber = error else { return false }
            return true
        }
    }

    @Test("the same value always gives the same bytes, whatever order the object was built in")
    func independentOfInsertionOrder() throws {
        var forward: [String: JSONValue] = [:]
        var backward: [String: JSONValue] = [:]
        let keys = (0..<64).map { "key\($0)" }
        for key in keys { forward[key] = .string(key) }
        for key in keys.reversed() { backward[key] = .string(key) }
        #expect(try JSONValue.object(forward).canonicalBytes() == JSONValue.object(backward).canonicalBytes())
    }

    @Test("parsing canonical bytes and writing them again is the identity")
    func parseRoundTrip() throws {
        let value: JSONValue = .object([
            "text": .string("Dư luận xã hội \"quoted\"\n\u{1F}"), "n": .integer(-12), "x": .double(0.25),
            "list": .array([.bool(true), .null, .object(["k": .string("v")])]),
        ])
        let bytes = try value.canonicalBytes()
        let parsed = try JSONValue.parse(bytes)
        #expect(parsed == value)
        #expect(try parsed.canonicalBytes() == bytes)
    }
}
