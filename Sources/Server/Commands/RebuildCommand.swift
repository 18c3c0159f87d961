import ArgumentParser
import EventStore
import Foundation
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
                return try await ProjectionRebuild(projection: projection, store: store, client: client, logger: logger).run {
                    FileHandle.standardError.write(Data("rebuilding \(projection.name) into shadow tables…\n".utf8))
                }
            }
            print("rebuilt \(projection.name) at position \(position)")
        } catch let error as RebuildError {
            FileHandle.standardError.write(Data("rebuild refused: \(error)\n".utf8))
            throw ExitCode(2)
        }
    }
}
