import ArgumentParser
import EventStore
import Events
import Foundation

/// `opinion-ledger export [--from N] [--to N] [--output FILE]`: writes the log as NDJSON, one event per
/// line with both hashes, for `opinion-ledger verify` or an auditor's own script (docs/auditing.md).
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Export the event log as NDJSON (one event per line, with its hashes).")

    @Option(help: "The first position to export (inclusive).")
    var from: Int64 = 1
    @Option(help: "The last position to export (inclusive); the head when absent.")
    var to: Int64?
    @Option(help: "Write to this file instead of standard output.")
    var output: String?

    func validate() throws {
        guard from >= 1 else { throw ValidationError("--from must be 1 or more") }
        if let to, to < from { throw ValidationError("--to must not be below --from") }
    }

    func run() async throws {
        let configuration = try ServerConfiguration(environment: ProcessInfo.processInfo.environment)
        let logger = configuration.logger("opinion-ledger.export")
        let handle: FileHandle
        if let output {
            guard FileManager.default.createFile(atPath: output, contents: nil) else {
                throw ValidationError("cannot create \(output)")
            }
            handle = try FileHandle(forWritingTo: URL(fileURLWithPath: output))
        } else {
            handle = FileHandle.standardOutput
        }
        let (from, requestedTo) = (self.from, self.to)
        let (count, last) = try await DatabaseSession.run(configuration, logger: logger) { client in
            let store = PostgresEventStore(client: client, logger: logger)
            let to = min(requestedTo ?? Int64.max, try await store.headPosition())
            var count = 0
            var after = from - 1
            while true {
                let page = try await store.exportPage(after: after, through: to)
                guard let last = page.last else { break }
                var bytes: [UInt8] = []
                for event in page { bytes += try ExportLine.bytes(of: event) }
                try handle.write(contentsOf: bytes)
                count += page.count
                after = last.position
            }
            return (count, after)
        }
        if output != nil { try handle.close() }
        let range = count == 0 ? "no events" : "positions \(from)–\(last)"
        FileHandle.standardError.write(Data("exported \(count) events (\(range))\n".utf8))
    }
}
