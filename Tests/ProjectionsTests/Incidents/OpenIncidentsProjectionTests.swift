import EventStore
import Events
import Foundation
import LedgerTestSupport
import Logging
import PostgresNIO
import Projections
import Testing

/// The open-incidents table on a real PostgreSQL: pages applied live give the rows of a rebuild in
/// one go, the runner's table equals a fold of the log, and its SQL filters agree with the Swift ones.
@Suite struct OpenIncidentsProjectionTests {
    typealias F = IncidentFixtures

    /// The scenario with a rule change after Ba Bể was logged (48 hours from 2 October: its first-information
    /// clock moves, so every row must be computed again), a reopening and a merge.
    static let events: [any Sendable] = {
        var events = F.scenario
        let revised = ClockRule(
            ruleId: "thong-tin-ban-dau", clock: .firstInformation, effectiveFrom: LocalDate(year: 2024, month: 10, day: 2)!,
            allowance: ClockAllowance(amount: 48, unit: .hours), legalBasis: "Thử nghiệm: 48 giờ")
        events.insert(ClockRuleEvent.revised(ClockRuleRevised(rule: revised, revisedAt: F.t("2024-10-03T12:00:00+07:00"))), at: 9)
        events += [
            IncidentEvent.reopened(
                IncidentReopened(
                    incidentId: "gpmb-cho-don", reason: "Người dân tiếp tục phản ánh", reopenedAt: F.t("2024-10-09T08:00:00+07:00"))),
            F.logged(
                "ntm-ba-be-2", source: .socialMedia, outlet: "TikTok", title: "Đường nông thôn mới ở Ba Bể hỏng", summary: "Trùng lặp",
                topics: ["nông thôn mới"], units: ["huyen-ba-be"], severity: .low, publishedAt: "2024-10-05T08:00:00+07:00",
                loggedAt: "2024-10-05T09:00:00+07:00"),
            IncidentEvent.merged(
                IncidentMerged(
                    incidentId: "ntm-ba-be-2", into: "ntm-ba-be", reason: "Cùng một tin", mergedAt: F.t("2024-10-05T10:00:00+07:00"))),
        ]
        return events
    }()

    static func snapshot(_ database: TestDatabase) async throws -> [String] {
        var rows: [String] = []
        for table in ["open_incidents ORDER BY incident_id", "open_incidents_clock_rules ORDER BY position"] {
            let query = PostgresQuery(
                unsafeSQL: "SELECT row_to_json(t)::text FROM \(table.replacingOccurrences(of: " ORDER", with: " t ORDER"))")
            for try await text in try await database.client.query(query, logger: database.logger).decode(String.self) { rows.append(text) }
        }
        return rows
    }

    static func apply(_ events: [RecordedEvent], pageSize: Int, _ database: TestDatabase) async throws {
        let projection = OpenIncidentsProjection()
        var start = 0
        while start < events.count {
            let page = Array(events[start..<min(start + pageSize, events.count)])
            try await database.client.withTransaction(logger: database.logger) { connection in
                try await projection.apply(page, on: connection, logger: database.logger)
            }
            start += pageSize
        }
    }

    @Test func pagesAppliedLiveGiveTheRowsOfARebuildInOneGo() async throws {
        try await TestDatabase.with { database in
            let events = try F.recorded(Self.events)
            try await Self.apply(events, pageSize: events.count, database)
            let rebuilt = try await Self.snapshot(database)
            #expect(rebuilt.filter { $0.contains("\"incident_id\"") }.count == 4)
            for pageSize in [1, 2, 5] {
                try await database.client.query("TRUNCATE open_incidents, open_incidents_clock_rules", logger: database.logger)
                try await Self.apply(events, pageSize: pageSize, database)
                #expect(try await Self.snapshot(database) == rebuilt, "pages of \(pageSize)")
            }
        }
    }

    @Test func theRunnersTableEqualsAFoldOfTheLog() async throws {
        try await TestDatabase.with { database in
            let store = database.store()
            for event in try F.recorded(Self.events) {
                _ = try await store.append(
                    AppendRequest(
                        stream: event.streamId, expectedVersion: .any,
                        events: [NewEvent(type: event.type, schemaVersion: event.schemaVersion, data: event.data)],
                        metadata: EventMetadata(actor: .system("test"))))
            }
            let head = try await store.headPosition()
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    await ProjectionRunner(
                        projection: OpenIncidentsProjection(), store: store, client: database.client, logger: database.logger
                    ).run()
                }
                let reached = try await ProjectionRebuildTests.waitForCheckpoint("open-incidents", head, database)
                #expect(reached >= head, "the runner caught up with the log")
                group.cancelAll()
            }
            var register = IncidentRegister()
            try register.apply(try await store.readAll(after: 0, limit: 1000, filter: .all).events)
            let reader = OpenIncidentsReader(client: database.client, logger: database.logger)
            let live = try await reader.page(
                filter: IncidentListFilter(at: F.t("2024-10-10T12:00:00+07:00")), order: .loggedAt, after: nil, limit: 100)
            // The table keeps lower(unaccent(document)): the Swift fold of the same words.
            let folded = register.rows.sorted(by: IncidentListOrder.loggedAt.precedes).map { row -> IncidentRow in
                var row = row
                row.searchDocument = IncidentSearchText.fold(row.searchDocument)
                return row
            }
            #expect(live.rows == folded)
            #expect(live.rows.first { $0.incidentId == "ntm-ba-be-2" }?.status == .merged)
            #expect(live.rows.first { $0.incidentId == "gpmb-cho-don" }?.status == .open, "reopened")
            #expect(live.rows.first { $0.incidentId == "ntm-ba-be" }?.nextDueAt == F.t("2024-10-04T20:00:00+07:00"), "the revised rule")
        }
    }
}
