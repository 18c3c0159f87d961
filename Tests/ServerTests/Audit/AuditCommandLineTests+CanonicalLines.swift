import Events
import Foundation
import LedgerTestSupport
import Testing

/// Both offline verifiers, ours and the documented Python script, accept a line only when it is byte
/// for byte the canonical serialisation of its members (issue 10, item 2).
extension AuditCommandLineTests {
    /// Runs the Python example's `verify` on every file in `directory` in one process; each file's
    /// name maps to whether it verified and the script's message.
    static func pythonVerdicts(in directory: URL, checkpoint: (Int64, String)) async throws -> [String: (ok: Bool, message: String)] {
        let program = """
            import json, os, sys
            sys.path.insert(0, sys.argv[1])
            import verify_export
            for name in sorted(os.listdir(sys.argv[2])):
                try:
                    ok, message = verify_export.verify(os.path.join(sys.argv[2], name), (int(sys.argv[3]), sys.argv[4]))
                except (KeyError, TypeError, ValueError) as error:
                    ok, message = False, f"malformed line: {error!r}"
                print(json.dumps([name, ok, message]))
            """
        let result = try await LedgerProcess.run(
            executable: URL(fileURLWithPath: "/usr/bin/env"),
            [
                "python3", "-c", program, root.appendingPathComponent("docs/examples").path, directory.path, "\(checkpoint.0)",
                checkpoint.1,
            ],
            environment: ProcessInfo.processInfo.environment)
        #expect(result.status == 0, "\(result.stderr)")
        var verdicts: [String: (ok: Bool, message: String)] = [:]
        for line in result.stdout.split(separator: "\n") {
            guard case .array(let row) = try JSONValue.parse(Array(line.utf8)), row.count == 3,
                case .string(let name) = row[0], case .bool(let ok) = row[1], case .string(let message) = row[2]
            else {
                Issue.record("unexpected output: \(line)")
                continue
            }
            verdicts[name] = (ok, message)
        }
        return verdicts
    }

    @Test func bothVerifiersRefuseEveryOtherSpellingOfALineAndAcceptTheExport() async throws {
        try await TestDatabase.with { database in
            try await Self.seed(database, count: 5)
            let environment = LedgerProcess.environment(database.url)
            let file = Self.temporaryFile("export.ndjson")
            defer { try? FileManager.default.removeItem(at: file) }
            #expect(try await LedgerProcess.run(["export", "--output", file.path], environment: environment).status == 0)
            let lines = try Data(contentsOf: file).split(separator: UInt8(ascii: "\n")).map { Array($0) }
            #expect(lines.count == 5)
            guard case .string(let headHash) = try JSONValue.parse(lines[4])["hash"] else {
                Issue.record("no hash on the last line")
                return
            }

            let directory = Self.temporaryFile("mutations")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let mutations = try ExportLineMutations.all(of: lines[2])
            #expect(mutations.count > 400)
            try Data(lines.flatMap { $0 + [0x0A] }).write(to: directory.appendingPathComponent("intact"))
            for (index, mutation) in mutations.enumerated() {
                var changed = lines
                changed[2] = mutation.bytes
                try Data(changed.flatMap { $0 + [0x0A] }).write(to: directory.appendingPathComponent(String(format: "m%04d", index)))
            }

            let verdicts = try await Self.pythonVerdicts(in: directory, checkpoint: (5, headHash))
            #expect(verdicts.count == mutations.count + 1)
            #expect(verdicts["intact"]?.ok == true, "\(verdicts["intact"]?.message ?? "")")
            for (index, mutation) in mutations.enumerated() {
                let verdict = verdicts[String(format: "m%04d", index)]
                #expect(verdict?.ok == false, "python accepted \(mutation.name)")
                #expect(verdict?.message.contains("line 3") == true, "\(mutation.name): \(verdict?.message ?? "")")
            }

            // Our command line, on the forgery the issue names: the forged copy of `data` last.
            var forged = lines[2]
            forged.removeLast()
            forged += Array(#","data":{"forged":true}}"#.utf8)
            var changed = lines
            changed[2] = forged
            let forgedFile = directory.appendingPathComponent("forged-data")
            try Data(changed.flatMap { $0 + [0x0A] }).write(to: forgedFile)
            let ours = try await LedgerProcess.run(["verify", "--file", forgedFile.path], environment: [:])
            #expect(ours.status == 1)
            #expect(ours.stdout.contains("INVALID at line 3: the line is not the canonical serialisation"), "\(ours.stdout)")
        }
    }
}
