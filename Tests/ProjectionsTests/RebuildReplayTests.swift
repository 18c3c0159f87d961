import EventStore
import Events
import Foundation
import LedgerTestSupport
import PostgresNIO
import Testing

@testable import Projections

/// A rebuild through a projection's bulk replay (`RebuildReplay`: the fold held in memory, versions
/// copied once with their end known) leaves exactly the rows the appends wrote inline, row for row
/// and column for column: with everything held in memory, and with room for only one or two keys, so that
/// keys are written out, read back and closed by `UPDATE` (through a rule change that moves the due
/// times of incidents written out, a reopening and a merge), at small and large pages.
@Suite struct RebuildReplayTests {
    typealias F = IncidentFixtures

    /// Every row of `tables`, in key order, as JSON.
    static func snapshot(_ tables: [(name: String, order: String)], _ database: TestDatabase) async throws -> [String] {
        var rows: [String] = []
        for (name, order) in tables {
            let query = PostgresQuery(unsafeSQL: "SELECT row_to_json(t)::text FROM \(name) t ORDER BY \(order)")
            for try await text in try await database.client.query(query, logger: database.logger).decode(String.self) {
                rows.append(name + " " + text)
            }
        }
        return rows
    }

    static let incidentTables = [
        (name: "incident_versions", order: "incident_id, valid_from"), (name: "incident_states", order: "incident_id, valid_from"),
    ]
    static let dutyTables = [
        (name: "duty_versions", order: "obligation_id, period, unit_id, valid_from"),
        (name: "reporting_duties", order: "obligation_id, period, unit_id"),
    ]

    /// Rebuilds `projection` in every combination of page size given and checks the tables come back unchanged.
    static func rebuildsUnchanged(
        _ projection: any Projection, tables: [(name: String, order: String)], pageSizes: [Int], _ database: TestDatabase
    ) async throws {
        let store = database.store()
        let before = try await snapshot(tables, database)
        #expect(before.count > 10, "the log gives the model rows: \(before.count)")
        for pageSize in pageSizes {
            let position = try await ProjectionRebuild(
                projection: projection, store: store, client: database.client, logger: database.logger, pageSize: pageSize
            ).run()
            #expect(position == (try await store.headPosition()))
            let after = try await snapshot(tables, database)
            #expect(after.count == before.count, "\(projection.name), pages of \(pageSize)")
            for (old, new) in zip(before, after) where old != new {
                Issue.record("\(projection.name), pages of \(pageSize): \(old) became \(new)")
                break
            }
        }
        let check = try await ProjectionCheck(projection: projection, store: store, client: database.client, logger: database.logger)
            .run()
        #expect(check.matches, "\(check.differences.prefix(3))")
    }

    @Test(arguments: [1, 2, 20_000])
    func incidentHistoryRebuildsToTheRowsTheAppendsWrote(capacity: Int) async throws {
        try await TestDatabase.with(maximumConnections: 8) { database in
            // The scenario's incidents (a rule change, a reopening, a merge), then three more logged and a
            // rule revision that moves the due time of all three while they are open: with room for one or
            // two, some are written out before it and must be read back to get their new versions.
            let revised = ClockRule(
                ruleId: "thong-tin-ban-dau", clock: .firstInformation, effectiveFrom: LocalDate(year: 2024, month: 10, day: 10)!,
                allowance: ClockAllowance(amount: 72, unit: .hours), legalBasis: "Thử nghiệm: 72 giờ")
            let more: [any Sendable] =
                ["mot", "hai", "ba"].map { id in
                    F.logged(
                        "them-\(id)", source: .socialMedia, outlet: "Báo Bắc Kạn", title: "Tin \(id)", summary: "Tóm tắt \(id)",
                        topics: ["đất đai"], units: ["huyen-ba-be"], severity: .medium, publishedAt: "2024-10-11T08:00:00+07:00",
                        loggedAt: "2024-10-11T09:00:00+07:00")
                } + [ClockRuleEvent.revised(ClockRuleRevised(rule: revised, revisedAt: F.t("2024-10-11T12:00:00+07:00")))]
            let events = try F.recorded(OpenIncidentsProjectionTests.events + more)
            _ = try await IncidentHistoryTests.write(events, database)
            let opened = try await database.client.query(
                "SELECT count(*)::bigint FROM incident_versions WHERE incident_id LIKE 'them-%' AND valid_from = \(Int64(events.count))")
            for try await count in opened.decode(Int64.self) { #expect(count == 3, "the last revision opens a version of each") }
            try await Self.rebuildsUnchanged(
                IncidentHistoryProjection(rebuildCapacity: capacity), tables: Self.incidentTables, pageSizes: [2, 5_000], database)
        }
    }

    @Test(arguments: [1, 2, 100_000])
    func reportingDutiesRebuildToTheRowsTheAppendsWrote(capacity: Int) async throws {
        try await TestDatabase.with(maximumConnections: 8) { database in
            let store = database.store()
            let oct20 = Timestamp(rfc3339: "2024-10-20T09:00:00+07:00")!
            let scripts: [(String, [(ReportCommand, Timestamp)])] = [
                ("so-tttt", [(ComplianceFixtures.file(), oct20), (.amend(ReportContent(summary: "Bản sửa", body: "…")), oct20)]),
                (
                    "so-yte",
                    [
                        (ComplianceFixtures.file(), oct20), (.returnToUnit(reason: "thiếu đề xuất"), oct20),
                        (.resubmit(ReportContent(summary: "Gửi lại\tcó tab\\và gạch", body: "")), oct20), (.accept, oct20),
                    ]
                ),
                ("huyen-a", [(.excuse(reason: "sáp nhập\nxuống dòng"), oct20)]),
                ("huyen-b", [(ComplianceFixtures.file("Mật", confidential: true), oct20)]),
                ("phong-vh", [(ComplianceFixtures.file(receivedAt: Timestamp(rfc3339: "2024-10-18T10:00:00+07:00")!), oct20)]),
            ]
            // One event at a time, round robin over the duties, so that each duty changes again after others did.
            var streams = try scripts.map { unit, commands in try ComplianceFixtures.events(unit: unit, commands, firstPosition: 1) }
            while streams.contains(where: { !$0.isEmpty }) {
                for index in streams.indices where !streams[index].isEmpty {
                    let event = streams[index].removeFirst()
                    _ = try await store.append(
                        AppendRequest(
                            stream: event.streamId, expectedVersion: .any,
                            events: [NewEvent(id: event.id, type: event.type, schemaVersion: event.schemaVersion, data: event.data)],
                            metadata: EventMetadata(actor: .system("test"))))
                }
            }
            try await Self.rebuildsUnchanged(
                DutyProjection(rebuildCapacity: capacity), tables: Self.dutyTables, pageSizes: [1, 3, 5_000], database)
        }
    }
}
