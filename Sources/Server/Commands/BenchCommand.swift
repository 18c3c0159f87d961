import ArgumentParser

/// `opinion-ledger bench`: measures appends through the store (see docs/performance.md).
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Benchmark appends through the event store (run in release mode).")

    func run() async throws {
        throw ValidationError("not built yet")
    }
}
