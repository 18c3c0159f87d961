import EventStore
import Foundation
import LedgerTestSupport
import Testing

/// `check-projections` and `rebuild` as an operator runs them.
@Suite struct ProjectionCommandsTests {
    @Test func checkReportsACorruptedRowAndFailsThenRebuildRepairsIt() async throws {
        try await TestDatabase.with { database in
            let environment = LedgerProcess.environment(database.url)
            let clean = try await LedgerProcess.run(["check-projections", "reporting-duties"], environment: environment)
            #expect(clean.status == 0, "\(clean.stderr)")
            #expect(clean.stdout.contains("reporting-duties at position 0: ok"))
            #expect(clean.stdout.contains("live    sha256:"))

            try await database.asSuperuser(
                """
                INSERT INTO reporting_duties (obligation_id, unit_id, period, stage, version, last_position)
                VALUES ('ob-forged', 'unit-x', '2024-10', 'accepted', 1, 1)
                """)
            let corrupted = try await LedgerProcess.run(["check-projections"], environment: environment)
            #expect(corrupted.status == 1)
            #expect(corrupted.stdout.contains("reporting-duties at position 0: DIFFERS (1 rows)"))
            #expect(
                corrupted.stdout.contains(
                    #"extra   reporting_duties {"period": "2024-10", "unit_id": "unit-x", "obligation_id": "ob-forged"}"#))

            let rebuilt = try await LedgerProcess.run(["rebuild", "reporting-duties"], environment: environment)
            #expect(rebuilt.status == 0, "\(rebuilt.stderr)")
            #expect(rebuilt.stdout.contains("rebuilt reporting-duties at position 0"))
            let repaired = try await LedgerProcess.run(["check-projections", "reporting-duties"], environment: environment)
            #expect(repaired.status == 0, "\(repaired.stdout)")
        }
    }

    @Test func benchRebuildWritesItsLogRebuildsEveryProjectionAndPrintsFigures() async throws {
        try await TestDatabase.with { database in
            let environment = LedgerProcess.environment(database.url)
            let bench = try await LedgerProcess.run(
                ["bench-rebuild", "--incidents", "10", "--reports", "10", "--rounds", "1"], environment: environment)
            #expect(bench.status == 0, "\(bench.stderr)")
            // 10 incidents (3 or 4 events each: 35) and 10 duties (filed, accepted: 20); 55 in the log.
            #expect(bench.stdout.contains("wrote 55 events (10 incidents, 10 reports)"), "\(bench.stdout)")
            #expect(bench.stdout.contains("reporting-duties\t20\t55\t"), "\(bench.stdout)")
            #expect(bench.stdout.contains("open-incidents\t35\t55\t"), "\(bench.stdout)")
            // What the rebuild swapped in equals a fresh replay, row for row.
            let check = try await LedgerProcess.run(["check-projections"], environment: environment)
            #expect(check.status == 0, "\(check.stdout)")
            #expect(check.stdout.contains("reporting-duties at position 55: ok"), "\(check.stdout)")
            let again = try await LedgerProcess.run(["bench-rebuild", "--incidents", "1", "--reports", "1"], environment: environment)
            #expect(again.status != 0)
            #expect(again.stderr.contains("already holds 55 events"), "\(again.stderr)")
        }
    }

    @Test func unknownProjectionsAreRefusedByName() async throws {
        try await TestDatabase.with { database in
            let environment = LedgerProcess.environment(database.url)
            let rebuild = try await LedgerProcess.run(["rebuild", "nothing-here"], environment: environment)
            #expect(rebuild.status != 0)
            #expect(rebuild.stderr.contains("no projection is named 'nothing-here'"))
            let check = try await LedgerProcess.run(["check-projections", "nothing-here"], environment: environment)
            #expect(check.status != 0)
        }
    }
}
