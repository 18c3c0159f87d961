import EventStore
import Events
import Foundation
import LedgerTestSupport
import Projections
import Testing

/// The reporting-duties read model, kept inline by the appends, equals a fold of the same events
/// from position 0 (DESIGN invariant 6), field by field; and its history answers, at every
/// position, what a fold up to that position answers.
@Suite struct DutyProjectionTests {
    typealias F = ComplianceFixtures

    @Test func tableEqualsAReplayFromZero() async throws {
        try await TestDatabase.with { database in
            let store = database.store()
            let oct20 = Timestamp(rfc3339: "2024-10-20T09:00:00+07:00")!
            let scripts: [(String, [(ReportCommand, Timestamp)])] = [
                ("so-tttt", [(F.file(), oct20), (.amend(ReportContent(summary: "Bản sửa", body: "…")), oct20)]),
                (
                    "so-yte",
                    [
                        (F.file(), oct20), (.returnToUnit(reason: "thiếu đề xuất"), oct20),
                        (.resubmit(ReportContent(summary: "Gửi lại", body: "")), oct20), (.accept, oct20),
                    ]
                ),
                ("huyen-a", [(.excuse(reason: "sáp nhập"), oct20)]),
                ("huyen-b", [(F.file("Mật", confidential: true), oct20)]),
                // A paper receipt recorded after the fact: its channel and recording time are kept too.
                ("phong-vh", [(F.file(receivedAt: Timestamp(rfc3339: "2024-10-18T10:00:00+07:00")!), oct20)]),
            ]
            for (unit, commands) in scripts {
                let recorded = try F.events(unit: unit, commands, firstPosition: 1)
                _ = try await store.append(
                    AppendRequest(
                        stream: recorded[0].streamId, expectedVersion: .noStream,
                        events: recorded.map { NewEvent(id: $0.id, type: $0.type, schemaVersion: $0.schemaVersion, data: $0.data) },
                        metadata: EventMetadata(actor: .system("test"))))
            }
            // Unrelated events on the log must not disturb the projection.
            _ = try await store.append(
                AppendRequest(
                    stream: StreamID("unit-x")!, expectedVersion: .any, events: [NewEvent(type: "Noise", data: .object([:]))],
                    metadata: EventMetadata(actor: .system("test"))))
            let head = try await store.headPosition()

            // Inline: the appends themselves kept the table (and its history) up to date.
            #expect(try await ProjectionCheckpoints.position(of: "reporting-duties", client: database.client, logger: database.logger) > 0)
            let live = try await DutyTable.records(
                obligationId: "monthly", period: F.october, client: database.client, logger: database.logger)
            var replay: [ReportingDuty: DutyRecord] = [:]
            try DutyRecord.fold(try await store.readAll(after: 0, limit: 1000, filter: .all).events, into: &replay)
            #expect(live.count == 5)
            #expect(Dictionary(uniqueKeysWithValues: live.map { ($0.duty, $0) }) == replay)
            let yte = try #require(replay.values.first { $0.duty.unitId == "so-yte" })
            #expect(yte.state.stage == .accepted)
            #expect(yte.summary == "Gửi lại")
            let all = try await store.readAll(after: 0, limit: 1000, filter: .all).events
            let history = DutyHistory(client: database.client, logger: database.logger)
            for position in 0...head {
                var folded: [ReportingDuty: DutyRecord] = [:]
                try DutyRecord.fold(all.filter { $0.position <= position }, into: &folded)
                #expect(try await history.records(.periods([F.october], obligations: nil), at: position) == folded, "at \(position)")
                #expect(try await history.records(.units(["so-yte"]), at: position) == folded.filter { $0.key.unitId == "so-yte" })
            }
            let paper = try #require(live.first { $0.duty.unitId == "phong-vh" })
            #expect(paper.state.firstChannel == .paper)
            #expect(paper.state.firstRecordedAt == oct20)
            #expect(paper.state.firstSubmittedAt == Timestamp(rfc3339: "2024-10-18T10:00:00+07:00")!)
        }
    }
}
