import Events
import Foundation
import Projections
import Testing

/// Rows built from incident states with the write side's reducer and clocks, without a database.
@Suite struct IncidentRowTests {
    typealias F = IncidentFixtures

    @Test func theRegisterFoldsEachIncidentWithTheWriteSidesReducer() throws {
        let register = try F.register()
        #expect(register.rows.map(\.incidentId) == ["dvc-so-yte", "gpmb-cho-don", "ntm-ba-be"])
        let events = try F.recorded(F.scenario).filter { $0.streamId.rawValue == "incident-gpmb-cho-don" }
        let replayed = IncidentState.replay(try events.compactMap { try IncidentEvent($0) })
        #expect(register.entries["gpmb-cho-don"]?.state == replayed)
        #expect(register.entries["gpmb-cho-don"]?.lastPosition == events.last?.position)
        #expect(register.rules.entries["thong-tin-ban-dau"] != nil)
    }

    @Test func aRowCarriesWhatTheFiltersNeed() throws {
        let row = try #require(try F.register().row("gpmb-cho-don"))
        #expect(row.status == .resolved)
        #expect(row.units == ["huyen-cho-don", "xa-bang-lang"])
        #expect(row.assignedUnitId == "xa-bang-lang")
        #expect(row.severity == .high && row.hotSpot && row.source == .press)
        #expect(row.sightingCount == 1)
        #expect(row.reach == 5000, "the largest reach of the log and its sightings")
        #expect(row.topics == ["giải phóng mặt bằng"])
        #expect(row.assignmentDueAt == F.t("2024-10-04T17:00:00+07:00"))
        #expect(row.nextDueAt == nil, "a resolved incident runs no clock")
        #expect(row.version == 7)
        #expect(row.searchDocument.contains("chia sẻ đền bù đất đai"), "sighting titles are searchable")
    }

    @Test func theNextDueTimeIsTheEarliestClockStillRunning() throws {
        let register = try F.register()
        // Ba Bể: published 2 Oct 20:00, so first information was due 3 Oct 20:00; verification due 6 Oct 17:00.
        let babe = try #require(register.row("ntm-ba-be"))
        #expect(babe.nextDueAt == F.t("2024-10-03T20:00:00+07:00"))
        #expect(!babe.isOverdue(at: F.t("2024-10-03T20:00:00+07:00")), "due at that instant is not yet overdue")
        #expect(babe.isOverdue(at: F.t("2024-10-03T20:00:00.000001+07:00")))
        // Sở Y tế: both clocks met (one late), so nothing runs.
        let yte = try #require(register.row("dvc-so-yte"))
        #expect(yte.nextDueAt == nil)
        #expect(!yte.isOverdue(at: F.t("2024-12-01T00:00:00+07:00")))
    }

    @Test func withoutRulesOnlyTheAssignmentClockRuns() throws {
        var register = IncidentRegister()
        try register.apply(try F.recorded(Array(F.scenario.dropFirst())))
        #expect(register.row("ntm-ba-be")?.nextDueAt == F.t("2024-10-06T17:00:00+07:00"))
    }
}
