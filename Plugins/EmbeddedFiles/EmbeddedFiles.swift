import Foundation
import PackagePlugin

/// Embeds a target's data files (those SwiftPM does not compile: `.sql`, `.json`, …) in the
/// target itself, as the generated `EmbeddedFiles.all`, so the executable needs no resource bundle.
/// The files in the repository stay the only source: the generated text is rebuilt whenever one
/// changes.
@main
struct EmbeddedFilesPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) async throws -> [Command] {
        guard let target = target as? SourceModuleTarget else { return [] }
        let files = target.sourceFiles.filter { $0.type == .unknown || $0.type == .resource }.map(\.url)
            .filter { $0.lastPathComponent != "README.md" }
            .sorted { $0.path < $1.path }
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("EmbeddedFiles.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(files.count) files in \(target.name)",
                executable: try context.tool(named: "EmbedTool").url,
                arguments: ["files", output.path, target.directoryURL.path] + files.map(\.path),
                inputFiles: files,
                outputFiles: [output]
            )
        ]
    }
}
