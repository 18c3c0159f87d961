import Events
import Foundation
import Testing

/// The documented promise: canonical JSON equals Python's `json.dumps(v, sort_keys=True, separators=(",",":"), ensure_ascii=False)`.
@Suite("Canonical JSON matches Python's json.dumps")
struct CanonicalJSONPythonTests {
    /// The exact call `docs/hash-chain.md` gives auditors.
    static let pythonCanonical =
        #"import json,sys; v=json.load(sys.stdin); sys.stdout.write(json.dumps(v, sort_keys=True, separators=(",",":"), ensure_ascii=False))"#

    /// Hand-picked documents, written as JSON text with whitespace, unsorted keys and escapes.
    static let documents: [String] = [
        #"{"z": 1, "a": {"y": [1, 2.5, -3, true, false, null], "b": "x"}, "m": [], "A": {}}"#,
        #"{"\u00e9": 1, "e": 2, "\ud83d\ude00": 3, "\uff61": 4, "Z": 5, "дом": 6, "Dư luận xã hội": "Dư luận xã hội", "中文": "ký tự"}"#,
        #"{"s": "tab\there \"quoted\" back\\slash \/ \b\f\n\r \u0001\u001f\u007f \u2028\u2029 end", "k\n\t": "\u00ff"}"#,
        #"[0, -0, 1e-7, 0.1, 0.0001, 0.00001, 123456789012345.6, -2.75, 9223372036854775807, -9223372036854775808, 5e-324, 1.7976931348623157e-300]"#,
        #"[[[[{"a": [{"b": {}}, [], "deep"]}]]], {"n": {"e": {"s": {"t": {"e": {"d": [1]}}}}}}]"#,
        #"""
        {
          "type": "ReportFiled", "schemaVersion": 1,
          "data": {"title": "Ý kiến về giá điện", "unitId": "unit-3f2a", "tags": ["điện", "giá"], "score": 0.75},
          "metadata": {"actor": {"tokenId": "5c1e", "role": "unit-officer", "unitId": "unit-3f2a"}},
          "eventId": "9b2f0c52-1d7e-4f0a-9c44-0a5d7a3c2b11", "position": 17
        }
        """#,
        #"{"emoji": "👩🏽‍💻 family: 👨‍👩‍👧", "combining": "e\u0301 vs \u00e9", "noncharacter": "\uffff", "bom": "\ufeff"}"#,
        #""just a string with a \"quote\"""#,
        #"{}"#,
    ]

    @Test("hand-picked documents", arguments: documents)
    func handPicked(_ document: String) throws {
        let python = try runPython(Self.pythonCanonical, input: Array(document.utf8))
        let swift = try JSONValue.parse(document.utf8).canonicalBytes()
        #expect(String(decoding: swift, as: UTF8.self) == String(decoding: python, as: UTF8.self))
        #expect(swift == python)
    }

    @Test("randomly generated documents (seeded, reproducible)")
    func generated() throws {
        var generator = SplitMix64(seed: 0x6F70_696E_696F_6E)
        let values = (0..<300).map { _ in RandomJSON.value(depth: 0, using: &generator) }
        let encoder = JSONEncoder()
        var input: [UInt8] = []
        for value in values {
            input += Array(try encoder.encode(value))
            input.append(UInt8(ascii: "\n"))
        }
        let script = #"""
            import json,sys
            for line in sys.stdin:
                v = json.loads(line)
                sys.stdout.write(json.dumps(v, sort_keys=True, separators=(",",":"), ensure_ascii=False) + "\n")
            """#
        let output = try runPython(script, input: input)
        let lines = output.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).dropLast()
        try #require(lines.count == values.count)
        for (value, line) in zip(values, lines) {
            let swift = try value.canonicalBytes()
            #expect(swift == Array(line), "\(String(decoding: swift, as: UTF8.self)) vs \(String(decoding: line, as: UTF8.self))")
        }
    }

    /// Runs `python3 -c script` with `input` on stdin and returns its stdout; fails on a non-zero exit.
    private func runPython(_ script: String, input: [UInt8]) throws -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script]
        var environment = ProcessInfo.processInfo.environment
        environment["PYTHONIOENCODING"] = "utf-8"
        environment["PYTHONUTF8"] = "1"
        process.environment = environment
        // Feed stdin from a file, so a large output cannot fill a pipe while we are still writing input.
        let inputURL = FileManager.default.temporaryDirectory.appendingPathComponent("canonical-\(UUID().uuidString).json")
        try Data(input).write(to: inputURL)
        defer { try? FileManager.default.removeItem(at: inputURL) }
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = try FileHandle(forReadingFrom: inputURL)
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        let output = try stdout.fileHandleForReading.readToEnd() ?? Data()
        let errors = try stderr.fileHandleForReading.readToEnd() ?? Data()
        process.waitUntilExit()
        try #require(
            process.terminationStatus == 0,
            "python3 failed (\(process.terminationStatus)): \(String(decoding: errors, as: UTF8.self))")
        return Array(output)
    }
}

/// A small deterministic generator, so a failing document can be reproduced.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Random JSON values mixing every kind of scalar, with strings drawn from awkward parts of Unicode.
enum RandomJSON {
    /// Characters that stress escaping and ordering: controls, quotes, Latin-1, Vietnamese, CJK, astral.
    static let alphabet: [Unicode.Scalar] = {
        var scalars: [Unicode.Scalar] = []
        for value: UInt32 in 1..<0x20 { scalars.append(Unicode.Scalar(value)!) }
        scalars +=
            "\"\\/ azAZ09~\u{7F}\u{80}\u{A0}\u{E9}\u{FF}ưậãộĐđ中文한\u{2028}\u{2029}\u{FEFF}\u{FF61}\u{FFFD}\u{FFFF}"
            .unicodeScalars
        scalars += ["\u{10000}", "\u{1F600}", "\u{1F469}", "\u{10FFFF}", "\u{301}"]
        return scalars
    }()

    static func string(using generator: inout some RandomNumberGenerator) -> String {
        let length = Int.random(in: 0...8, using: &generator)
        var text = String.UnicodeScalarView()
        for _ in 0..<length { text.append(alphabet.randomElement(using: &generator)!) }
        return String(text)
    }

    static func value(depth: Int, using generator: inout some RandomNumberGenerator) -> JSONValue {
        let kinds = depth >= 4 ? 6 : 8
        switch Int.random(in: 0..<kinds, using: &generator) {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &generator))
        case 2: return .integer(Int64.random(in: .min ... .max, using: &generator) >> Int64.random(in: 0...63, using: &generator))
        case 3:
            // Fractional doubles only: integral ones are written as integers, which Python would spell `n.0`.
            var number = Double.random(in: -1e6...1e6, using: &generator)
            number *= [1, 1e-3, 1e-6, 1e-9, 1e3].randomElement(using: &generator)!
            return number == number.rounded() ? .double(0.5) : .double(number)
        case 4, 5: return .string(string(using: &generator))
        case 6:
            return .array((0..<Int.random(in: 0...4, using: &generator)).map { _ in value(depth: depth + 1, using: &generator) })
        default:
            var members: [String: JSONValue] = [:]
            for _ in 0..<Int.random(in: 0...5, using: &generator) {
                members[string(using: &generator)] = value(depth: depth + 1, using: &generator)
            }
            return .object(members)
        }
    }
}
