import EventStore
import Foundation
import LedgerTestSupport
import Testing

/// `LEDGER_MALLOC_TRIM_IDLE` through the real server: values that are not 0 or a number of seconds
/// are refused at start-up naming the variable; with the trim on (0.2 s) the server trims when idle,
/// keeps answering, and shuts down cleanly; with it off (0) it runs and shuts down cleanly too.
@Suite struct IdleMemoryTrimServerTests {
    @Test func trimIntervalsThatAreNotSecondsAreRefused() async throws {
        try await TestDatabase.with { database in
            for value in ["soon", "-1", "86401", "nan"] {
                let environment = LedgerProcess.environment(database.url, extra: ["LEDGER_MALLOC_TRIM_IDLE": value])
                let output = try await LedgerProcess.run(["serve"], environment: environment)
                #expect(output.status != 0, "\(value)")
                #expect(output.stderr.contains("LEDGER_MALLOC_TRIM_IDLE"), "\(value): \(output.stderr)")
            }
        }
    }

    @Test(arguments: ["0.2", "0"]) func serverIdlesTrimsAndShutsDownCleanly(_ value: String) async throws {
        try await TestDatabase.with { database in
            let environment = LedgerProcess.environment(
                database.url, extra: ["LEDGER_MALLOC_TRIM_IDLE": value, "LOG_LEVEL": "debug"])
            let server = try RunningServer(environment: environment)
            try await server.waitUntilReady()
            try await Task.sleep(for: .seconds(1))
            #expect(server.process.isRunning)
            #expect(try await server.get("/health/ready").status == 200)
            try await Task.sleep(for: .seconds(1))
            #expect(try await server.get("/health/ready").status == 200)
            let log = try server.log.contents()
            #expect(log.contains("malloc_trim") == (value != "0"), "\(log)")
            #expect(await server.terminate() == 0)
        }
    }
}
