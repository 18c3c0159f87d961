import Events
import Foundation
import Testing

/// Validation of stream names: 1–200 of `[A-Za-z0-9._:-]`, starting with a letter or digit.
@Suite("StreamID")
struct StreamIDTests {
    @Test(
        "accepted names",
        arguments: [
            "a", "Z", "7", "unit-3f2a", "incident-9b2f0c52-1d7e-4f0a", "report.2026:11_24", "A-b.C_d:E-0",
            String(repeating: "x", count: 200),
        ])
    func valid(_ name: String) throws {
        let id = try #require(StreamID(name))
        #expect(id.rawValue == name)
        #expect(StreamID.isValid(name))
    }

    @Test(
        "refused names",
        arguments: [
            "", "-a", ".a", "_a", ":a", "a b", " a", "a\n", "a/b", "a?b", "a#b", "a%20", "a'b", "a\"b", "dư-luận",
            "unit\u{0}", "ａ", String(repeating: "x", count: 201), "a" + String(repeating: "-", count: 200),
        ])
    func invalid(_ name: String) {
        #expect(StreamID(name) == nil)
        #expect(!StreamID.isValid(name))
    }

    @Test("200 characters is the limit, and the limit counts bytes")
    func lengthLimit() {
        #expect(StreamID.maximumLength == 200)
        #expect(StreamID(String(repeating: "a", count: 200)) != nil)
        #expect(StreamID(String(repeating: "a", count: 201)) == nil)
    }

    @Test("decoding validates like the initialiser; encoding is the bare string")
    func codable() throws {
        let decoded = try JSONDecoder().decode([StreamID].self, from: Data(#"["unit-1"]"#.utf8))
        #expect(decoded.map(\.rawValue) == ["unit-1"])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([StreamID].self, from: Data(#"["-bad"]"#.utf8)) }
        let encoded = try JSONEncoder().encode([try #require(StreamID("unit-1"))])
        #expect(String(decoding: encoded, as: UTF8.self) == #"["unit-1"]"#)
    }
}
