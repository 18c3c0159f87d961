import EventStore
import Foundation
import LedgerTestSupport
import Testing

/// The binary carries everything it needs (migrations, the OpenAPI document, its version): copied
/// alone into an empty folder it migrates and serves.
@Suite struct RelocatableBinaryTests {
    @Test func theBinaryCopiedAloneMigratesAndServes() async throws {
        let binary = try LedgerProcess.binary()
        // SwiftPM's resource accessor would also look in the build folder, whose path it embeds: a
        // binary that still needs a bundle names it, so the bytes must not.
        let bytes = try Data(contentsOf: binary)
        for bundle in ["opinion-ledger_Migrations.resources", "opinion-ledger_API.resources"] {
            #expect(bytes.range(of: Data(bundle.utf8)) == nil, "the binary still refers to the resource bundle \(bundle)")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("opinion-ledger-alone-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(at: folder) }
        let copy = folder.appendingPathComponent("opinion-ledger")
        try FileManager.default.copyItem(at: binary, to: copy)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["opinion-ledger"])

        try await TestDatabase.with(migrated: false) { database in
            let environment = LedgerProcess.environment(database.url)
            let before = try await LedgerProcess.run(executable: copy, ["migrate", "--status"], environment: environment)
            #expect(before.status == 3, "migrate --status on an empty database: \(before.status) \(before.stderr)")
            #expect(before.stdout.contains("pending  0001_event_log.sql"), "\(before.stdout)")
            let migrate = try await LedgerProcess.run(executable: copy, ["migrate"], environment: environment)
            #expect(migrate.status == 0, "\(migrate.stderr)")
            let after = try await LedgerProcess.run(executable: copy, ["migrate", "--status"], environment: environment)
            #expect(after.status == 0, "\(after.stderr)")
            #expect(!after.stdout.contains("pending"), "\(after.stdout)")
            #expect(after.stdout.contains("applied  0001_event_log.sql"), "\(after.stdout)")

            let server = try RunningServer(environment: environment, executable: copy)
            try await server.waitUntilReady()
            let document = try await server.get("/openapi.json")
            #expect(document.status == 200)
            #expect(document.body.contains("\"openapi\""), "the embedded OpenAPI document is served")
            #expect(await server.terminate() == 0)
        }
    }

    @Test func versionNamesTheReleaseAndTheCommit() async throws {
        let output = try await LedgerProcess.run(["--version"], environment: ProcessInfo.processInfo.environment)
        #expect(output.status == 0, "\(output.stderr)")
        let line = output.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let match = try #require(
            line.wholeMatch(of: /opinion-ledger \d+\.\d+\.\d+ \(commit ([0-9a-f]{7,40}|unknown)\)/), "--version printed '\(line)'")
        // Built from a git checkout, the commit is one of the repository's (not necessarily HEAD: the
        // binary may be older than the last commit); "unknown" only where there is no .git.
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        guard FileManager.default.fileExists(atPath: root.appendingPathComponent(".git").path) else { return }
        let commit = String(match.1)
        #expect(commit != "unknown", "built in a git checkout, yet the commit is unknown")
        let known = try await LedgerProcess.run(
            executable: URL(fileURLWithPath: "/usr/bin/env"), ["git", "-C", root.path, "cat-file", "-e", "\(commit)^{commit}"],
            environment: ProcessInfo.processInfo.environment)
        #expect(known.status == 0, "\(commit) is not a commit of \(root.path): \(known.stderr)")
    }
}
