import ArgumentParser
import EventStore
import Foundation
import Logging
import PostgresNIO
import Projections

/// `opinion-ledger rebuild PROJECTION`: replays the log into shadow tables while the live ones keep
/// answering (a running server keeps serving and applying), then swaps them in one transaction.
struct RebuildCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rebuild", abstract: "Rebuild a projection from position 0 without downtime.",
        discussion: "Projections: \(ProjectionService.projections().map(\.name).joined(separator: ", ")).")

    @Argument(help: "The projection's name (see `GET /v1/admin/projections`).")
    var projection: String

    func run() async throws {
        guard let projection = ProjectionService.projections().first(where: { $0.name == self.projection }) else {
            throw ValidationError(
                "no projection is named '\(self.projection)'; known: \(ProjectionService.projections().map(\.name).joined(separator: ", "))"
            )
        }
        let configuration = try ServerConfiguration(environment: ProcessInfo.processInfo.environment)
        let logger = configuration.logger("opinion-ledger.rebuild")
        do {
            let position = try await DatabaseSession.run(configuration, logger: logger) { client in
                let store = PostgresEventStore(client: client, logger: logger)
                return try await withThrowingTaskGroup(of: Int64?.self) { group in
                    group.addTask {
                        try await ProjectionRebuild(projection: projection, store: store, client: client, logger: logger).run {
                            FileHandle.standardError.write(Data("rebuilding \(projection.name) into shadow tables…\n".utf8))
                        }
                    }
                    group.addTask {
                        try await Self.reportProgress(of: projection.name, client: client, logger: logger)
                        return nil
                    }
                    defer { group.cancelAll() }
                    while let result = try await group.next() {
                        if let position = result { return position }
                    }
                    return 0
                }
            }
            print("rebuilt \(projection.name) at position \(position)")
        } catch let error as RebuildError {
            FileHandle.standardError.write(Data("rebuild refused: \(error)\n".utf8))
            throw ExitCode(2)
        }
    }

    /// Prints the replay's progress to stderr every few seconds until cancelled.
    static func reportProgress(of name: String, client: PostgresClient, logger: Logger) async throws {
        var last: Int?
        while true {
            try await Task.sleep(for: .seconds(3))
            guard let percent = try await ProjectionStatus.all([name], client: client, logger: logger).first?.rebuildPercent,
                percent != last
            else { continue }
            last = percent
            FileHandle.standardError.write(Data("  \(percent)%\n".utf8))
        }
    }
}
