import Foundation
import PackagePlugin

/// Records the commit the binary is built from as the generated `BuildCommit.id`:
/// `OPINION_LEDGER_COMMIT` when set (a container build, where `.git` is not in the context), else
/// the package's `git rev-parse --short HEAD`, else "unknown". Worked out on every build; the
/// generated source changes (and recompiles) only when the commit does.
@main
struct BuildCommitPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) async throws -> [Command] {
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("BuildCommit.swift")
        return [
            .buildCommand(
                displayName: "Recording the build's commit in \(target.name)",
                executable: try context.tool(named: "EmbedTool").url,
                arguments: ["commit", output.path, commit(of: context.package.directoryURL)],
                inputFiles: [],
                outputFiles: [output]
            )
        ]
    }

    func commit(of directory: URL) -> String {
        if let given = ProcessInfo.processInfo.environment["OPINION_LEDGER_COMMIT"], !given.isEmpty { return given }
        let git = Process()
        git.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        git.arguments = ["git", "-C", directory.path, "rev-parse", "--short", "HEAD"]
        let pipe = Pipe()
        git.standardOutput = pipe
        git.standardError = FileHandle.nullDevice
        guard (try? git.run()) != nil else { return "unknown" }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        git.waitUntilExit()
        let id = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return git.terminationStatus == 0 && !id.isEmpty ? id : "unknown"
    }
}
