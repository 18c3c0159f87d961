import ArgumentParser
import EventStore
import Foundation
import Projections

/// `opinion-ledger check-projections`: the determinism check. Replays each projection into a
/// scratch copy, compares it with the live tables at one position, prints both digests and every
/// differing row; exits 1 when anything differs.
struct CheckProjectionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-projections", abstract: "Compare each projection with a fresh replay of the log.")

    @Argument(help: "Projections to check (default: all).")
    var names: [String] = []

    func run() async throws {
        let known = ProjectionService.projections()
        let unknown = names.filter { name in !known.contains { $0.name == name } }
        guard unknown.isEmpty else {
            throw ValidationError(
                "no projection is named \(unknown.joined(separator: ", ")); known: \(known.map(\.name).joined(separator: ", "))")
        }
        let projections = names.isEmpty ? known : known.filter { names.contains($0.name) }
        let configuration = try ServerConfiguration(environment: ProcessInfo.processInfo.environment)
        let logger = configuration.logger("opinion-ledger.check")
        let reports = try await DatabaseSession.run(configuration, logger: logger) { client in
            let store = PostgresEventStore(client: client, logger: logger)
            var reports: [ProjectionCheckReport] = []
            for projection in projections {
                reports.append(try await ProjectionCheck(projection: projection, store: store, client: client, logger: logger).run())
            }
            return reports
        }
        for report in reports { print(Self.describe(report)) }
        if reports.contains(where: { !$0.matches }) { throw ExitCode(1) }
    }

    /// The report as operators read it: digests, then one line per differing row.
    static func describe(_ report: ProjectionCheckReport) -> String {
        var lines = [
            "\(report.name) at position \(report.position): \(report.matches ? "ok" : "DIFFERS (\(report.differenceCount) rows)")",
            "  live    sha256:\(report.liveDigest)",
            "  replay  sha256:\(report.replayDigest)",
        ]
        for difference in report.differences {
            lines.append(
                "  \(difference.kind.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0))\(difference.table) \(difference.key)")
        }
        if report.differenceCount > report.differences.count {
            lines.append("  … and \(report.differenceCount - report.differences.count) more")
        }
        return lines.joined(separator: "\n")
    }
}
