import EventStore
import Events
import Foundation
import LedgerTestSupport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Export and offline verification as an auditor does it: `opinion-ledger export` from a real database,
/// `opinion-ledger verify` and the documented Python script on the file, and a signed checkpoint from
/// the running server that a truncated or rewritten log no longer matches.
@Suite struct AuditCommandLineTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// Appends events (Vietnamese text, quotes, a slash, nested objects) to a real log.
    static func seed(_ database: TestDatabase, count: Int = 8) async throws {
        let store = database.store()
        for n in 1...count {
            let data: JSONValue = .object([
                "n": .integer(Int64(n)), "title": .string("Ý kiến cử tri số \(n) về \"đường\" 12/QĐ"),
                "nested": .object(["b": .array([.bool(true), .null]), "a": .integer(-3)]),
            ])
            _ = try await store.append(
                AppendRequest(
                    stream: StreamID("unit-\(n % 3)")!, expectedVersion: .any, events: [NewEvent(type: "Noted", data: data)],
                    metadata: EventMetadata(
                        actor: ActorRef(tokenId: "4f1c2b9a-8d3e-4a6f-b5c7-1e2d3f4a5b6c", role: .admin), correlationId: UUID())))
        }
    }

    static func temporaryFile(_ name: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("audit-\(UUID().uuidString)-\(name)")
    }

    /// Runs `python3 docs/examples/verify_export.py ARGS`.
    static func python(_ arguments: [String]) async throws -> (status: Int32, output: String) {
        let result = try await LedgerProcess.run(
            executable: URL(fileURLWithPath: "/usr/bin/env"),
            ["python3", root.appendingPathComponent("docs/examples/verify_export.py").path] + arguments,
            environment: ProcessInfo.processInfo.environment)
        return (result.status, result.stdout + result.stderr)
    }

    /// The file with one byte changed inside the first occurrence of `needle`.
    static func changingOneByte(of file: URL, in needle: String) throws -> URL {
        var bytes = Array(try Data(contentsOf: file))
        let target = Array(needle.utf8)
        let start = try #require((0...(bytes.count - target.count)).first { Array(bytes[$0..<$0 + target.count]) == target })
        bytes[start + target.count - 1] ^= 0x01  // "…số 5" → "…số 4": still valid JSON and UTF-8
        let changed = temporaryFile("changed.ndjson")
        try Data(bytes).write(to: changed)
        return changed
    }

    @Test func thePythonExampleVerifiesARealExportAndFailsOnAChangedByte() async throws {
        try await TestDatabase.with { database in
            try await Self.seed(database)
            let environment = LedgerProcess.environment(database.url)
            let file = Self.temporaryFile("export.ndjson")
            defer { try? FileManager.default.removeItem(at: file) }
            let export = try await LedgerProcess.run(["export", "--output", file.path], environment: environment)
            #expect(export.status == 0, "\(export.stderr)")
            #expect(export.stderr.contains("exported 8 events"))

            let good = try await Self.python([file.path])
            #expect(good.status == 0, "\(good.output)")
            #expect(good.output.contains("valid: 8 events"))
            // With a checkpoint's position and hash: held as exported, refused when the hash differs.
            let line5 = try String(contentsOf: file, encoding: .utf8).split(separator: "\n")[4]
            guard case .string(let hash5) = try JSONValue.parse(Array(line5.utf8))["hash"] else {
                Issue.record("no hash on line 5")
                return
            }
            #expect(try await Self.python([file.path, "5", hash5]).status == 0)
            let other = String(hash5.reversed())
            let refused = try await Self.python([file.path, "5", other])
            #expect(refused.status == 1)
            #expect(refused.output.contains("differs from the checkpoint"), "\(refused.output)")

            let changed = try Self.changingOneByte(of: file, in: "số 5")
            defer { try? FileManager.default.removeItem(at: changed) }
            let bad = try await Self.python([changed.path])
            #expect(bad.status == 1, "\(bad.output)")
            #expect(bad.output.contains("line 5 (position 5): hash does not match"), "\(bad.output)")

            let ours = try await LedgerProcess.run(["verify", "--file", changed.path], environment: environment)
            #expect(ours.status == 1)
            #expect(ours.stdout.contains("INVALID at line 5 (position 5)"), "\(ours.stdout)")
        }
    }

    @Test func exportOfARangeVerifiesFromItsFirstLineAndSaysSo() async throws {
        try await TestDatabase.with { database in
            try await Self.seed(database)
            let environment = LedgerProcess.environment(database.url)
            let file = Self.temporaryFile("range.ndjson")
            defer { try? FileManager.default.removeItem(at: file) }
            let export = try await LedgerProcess.run(
                ["export", "--from", "3", "--to", "6", "--output", file.path], environment: environment)
            #expect(export.status == 0, "\(export.stderr)")
            let verify = try await LedgerProcess.run(["verify", "--file", file.path], environment: [:])
            #expect(verify.status == 0, "\(verify.stdout) \(verify.stderr)")
            #expect(verify.stdout.contains("starts at position 3"))
            #expect(verify.stdout.contains("valid: 4 events checked, head position 6"))
            let python = try await Self.python([file.path])
            #expect(python.status == 0, "\(python.output)")
            let stdout = try await LedgerProcess.run(["export", "--to", "2"], environment: environment)
            #expect(stdout.stdout.split(separator: "\n").count == 2)
        }
    }

    @Test func aSignedCheckpointProvesTheLogWasNotTruncatedOrRewritten() async throws {
        try await TestDatabase.with { database in
            try await Self.seed(database, count: 6)
            let key = Data((0..<32).map { UInt8($0 * 7 % 256) }).base64EncodedString()
            let environment = LedgerProcess.environment(database.url, extra: ["LEDGER_SIGNING_KEY": key])
            let token = try await LedgerProcess.run(
                ["tokens", "create", "--role", "auditor", "--name", "auditor"], environment: environment
            )
            .stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            let server = try RunningServer(environment: environment)
            try await server.waitUntilReady()
            let checkpoint = try await server.get("/v1/audit/checkpoint", token: token)
            let publicKey = try await server.get("/v1/audit/public-key", token: token)
            let httpExport = try await server.get("/v1/audit/export", token: token)
            #expect(await server.terminate() == 0)
            #expect(checkpoint.status == 200, "\(checkpoint.body)")
            #expect(publicKey.status == 200, "\(publicKey.body)")

            let checkpointFile = Self.temporaryFile("checkpoint.json")
            let keyFile = Self.temporaryFile("public-key.json")
            let exportFile = Self.temporaryFile("export.ndjson")
            defer { for file in [checkpointFile, keyFile, exportFile] { try? FileManager.default.removeItem(at: file) } }
            try Data(checkpoint.body.utf8).write(to: checkpointFile)
            try Data(publicKey.body.utf8).write(to: keyFile)
            #expect(try await LedgerProcess.run(["export", "--output", exportFile.path], environment: environment).status == 0)
            #expect(httpExport.body == (try String(contentsOf: exportFile, encoding: .utf8)), "HTTP and CLI exports are the same bytes")

            let verify = { (file: URL, checkpoint: URL) in
                try await LedgerProcess.run(
                    ["verify", "--file", file.path, "--checkpoint", checkpoint.path, "--public-key", keyFile.path], environment: [:])
            }
            let intact = try await verify(exportFile, checkpointFile)
            #expect(intact.status == 0, "\(intact.stdout)")
            #expect(intact.stdout.contains("checkpoint: position 6"), "\(intact.stdout)")

            // The base64 key itself works as well as the saved public-key document.
            let keyText = try JSONDecoder().decode([String: String].self, from: Data(publicKey.body.utf8))["publicKey"]!
            let inline = try await LedgerProcess.run(
                ["verify", "--file", exportFile.path, "--checkpoint", checkpointFile.path, "--public-key", keyText], environment: [:])
            #expect(inline.status == 0, "\(inline.stdout)")

            // A signature altered by one bit is refused.
            var document = try JSONDecoder().decode([String: JSONValue].self, from: Data(checkpoint.body.utf8))
            guard case .string(let signature) = document["signature"] else { Issue.record("no signature"); return }
            var signatureBytes = try #require(Data(base64Encoded: signature))
            signatureBytes[10] ^= 0x01
            document["signature"] = .string(signatureBytes.base64EncodedString())
            let forged = Self.temporaryFile("forged.json")
            defer { try? FileManager.default.removeItem(at: forged) }
            try JSONEncoder().encode(document).write(to: forged)
            let refused = try await verify(exportFile, forged)
            #expect(refused.status == 1)
            #expect(refused.stdout.contains("INVALID checkpoint"), "\(refused.stdout)")

            // The same checkpoint with a different claimed position is refused too (the signature covers it).
            document = try JSONDecoder().decode([String: JSONValue].self, from: Data(checkpoint.body.utf8))
            document["position"] = .integer(5)
            try JSONEncoder().encode(document).write(to: forged)
            #expect(try await verify(exportFile, forged).status == 1)

            // A log cut back to four events still chains, but no longer reaches the checkpoint.
            let lines = try String(contentsOf: exportFile, encoding: .utf8).split(separator: "\n")
            let truncated = Self.temporaryFile("truncated.ndjson")
            defer { try? FileManager.default.removeItem(at: truncated) }
            try Data((lines[..<4].joined(separator: "\n") + "\n").utf8).write(to: truncated)
            #expect(try await LedgerProcess.run(["verify", "--file", truncated.path], environment: [:]).status == 0)
            let cut = try await verify(truncated, checkpointFile)
            #expect(cut.status == 1)
            #expect(cut.stdout.contains("truncated"), "\(cut.stdout)")
        }
    }

    @Test func theKeyComesFromAFileOrTheEnvironmentAndABadKeyStopsServe() async throws {
        try await TestDatabase.with { database in
            let keyFile = Self.temporaryFile("signing-key")
            defer { try? FileManager.default.removeItem(at: keyFile) }
            try Data((Data(repeating: 42, count: 32).base64EncodedString() + "\n").utf8).write(to: keyFile)
            let environment = LedgerProcess.environment(database.url, extra: ["LEDGER_SIGNING_KEY_FILE": keyFile.path])
            let token = try await LedgerProcess.run(["tokens", "create", "--role", "admin", "--name", "a"], environment: environment)
                .stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            let server = try RunningServer(environment: environment)
            try await server.waitUntilReady()
            let checkpoint = try await server.get("/v1/audit/checkpoint", token: token)
            let key = try await server.get("/v1/audit/public-key", token: token)
            #expect(await server.terminate() == 0)
            #expect(checkpoint.status == 200)
            let keyId = try JSONDecoder().decode([String: String].self, from: Data(key.body.utf8))["keyId"]
            #expect(keyId != nil && checkpoint.body.contains("\"keyId\":\"\(keyId!)\""))

            let bad = try await LedgerProcess.run(
                ["serve"], environment: LedgerProcess.environment(database.url, extra: ["LEDGER_SIGNING_KEY": "c2hvcnQ="]))
            #expect(bad.status != 0)
            #expect(bad.stderr.contains("LEDGER_SIGNING_KEY must hold"), "\(bad.stderr)")
        }
    }

    @Test func verifyNeedsAPublicKeyWithACheckpointAndNeedsNoDatabase() async throws {
        let empty = Self.temporaryFile("empty.ndjson")
        defer { try? FileManager.default.removeItem(at: empty) }
        try Data().write(to: empty)
        let ok = try await LedgerProcess.run(["verify", "--file", empty.path], environment: [:])
        #expect(ok.status == 0)
        let refused = try await LedgerProcess.run(["verify", "--file", empty.path, "--checkpoint", empty.path], environment: [:])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("--public-key"))
    }
}
