import Events
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// `GET /v1/incidents/summary` on the July 2026 world of `IncidentListWorld`: figures on a known
/// scenario, the figures as they stood before the verification, and who may see which part.
@Suite struct IncidentSummaryAPITests {
    struct Summary: Decodable {
        struct Counts: Decodable { var low: Int; var medium: Int; var high: Int; var critical: Int; var total: Int }
        struct Band: Decodable { var band: String; var counts: Counts }
        struct Unit: Decodable {
            var unitId: String?
            var unitName: String?
            var verificationsDue: Int
            var verificationsInTime: Int
            var responsesDue: Int
            var responsesInTime: Int
            var inaccurateVerifications: Int
            var correctionsRequested: Int
            var medianSecondsToVerify: Int64?
            var medianSecondsToResolve: Int64?
        }
        var under: String?
        var from: String
        var to: String
        var asOf: String
        var open: Counts
        var openByAge: [Band]
        var units: [Unit]
        var total: Unit
        func unit(_ id: String) -> Unit? { units.first { $0.unitId == id } }
        func band(_ name: String) -> Counts? { openByAge.first { $0.band == name }?.counts }
    }

    func summary(_ world: IncidentListWorld, _ query: String, _ headers: HTTPFields, sourceLocation: SourceLocation = #_sourceLocation)
        async throws -> Summary
    {
        try await world.client.execute(uri: "/v1/incidents/summary\(query)", method: .get, headers: headers) { response in
            #expect(response.status == .ok, "\(query): \(String(buffer: response.body))", sourceLocation: sourceLocation)
            return try response.json(Summary.self)
        }
    }

    @Test func figuresOnAKnownScenario() async throws {
        try await IncidentListWorld.with { world in
            let province = try await world.harness.bearer(.supervisor, unit: "tinh")
            let figures = try await summary(world, "?from=2026-07-01&to=2026-07-05", province)
            #expect(figures.under == "tinh" && figures.from == "2026-07-01" && figures.to == "2026-07-05")
            #expect(figures.asOf == "2026-07-05T05:00:00.000000Z")
            // Open at 5 July noon: Huyện C's (logged 1 July 10:00: 4 days old, medium) and VnExpress's (4 hours, low).
            #expect(figures.open.total == 2)
            #expect(figures.band("oneToSevenDays")?.medium == 1)
            #expect(figures.band("underOneDay")?.low == 1)
            #expect(figures.openByAge.map(\.band) == ["underOneDay", "oneToSevenDays", "sevenToThirtyDays", "overThirtyDays"])
            #expect(figures.units.map(\.unitId) == ["huyen-c", "xa-b"], "Sở TT&TT's only clock is still running")

            let commune = try #require(figures.unit("xa-b"))
            #expect(commune.unitName == "UBND xã B")
            #expect(commune.verificationsDue == 1 && commune.verificationsInTime == 1, "verified 2 July 09:00, due 3 July")
            #expect(commune.responsesDue == 1 && commune.responsesInTime == 0, "first information due 2 July 07:00, rebutted 09:30")
            #expect(commune.inaccurateVerifications == 1 && commune.correctionsRequested == 0, "a rebuttal, no correction request")
            #expect(commune.medianSecondsToVerify == 86_400, "logged 1 July 09:00, verified 2 July 09:00")
            #expect(commune.medianSecondsToResolve == 90_000, "resolved 2 July 10:00")

            let district = try #require(figures.unit("huyen-c"))
            #expect(district.verificationsDue == 1 && district.verificationsInTime == 0)
            #expect(district.responsesDue == 1 && district.responsesInTime == 0)
            #expect(district.medianSecondsToVerify == nil)

            #expect(figures.total.unitId == nil)
            #expect(figures.total.verificationsDue == 2 && figures.total.verificationsInTime == 1)
            #expect(figures.total.responsesDue == 2 && figures.total.responsesInTime == 0)
        }
    }

    @Test func theFiguresAsTheyStoodBeforeTheVerification() async throws {
        try await IncidentListWorld.with { world in
            let auditor = try await world.harness.bearer(.auditor)
            let before = try await summary(world, "?from=2026-07-01&to=2026-07-05&asOf=2026-07-02T08:00:00%2B07:00", auditor)
            #expect(before.under == nil)
            #expect(
                before.open.total == 2 && before.band("underOneDay")?.high == 1 && before.band("underOneDay")?.medium == 1,
                "23 and 22 hours old")
            let commune = try #require(before.unit("xa-b"))
            #expect(commune.verificationsDue == 0, "its verification was not yet due")
            #expect(commune.responsesDue == 1 && commune.responsesInTime == 0, "first information ran out at 07:00")
            #expect(commune.medianSecondsToVerify == nil && commune.inaccurateVerifications == 0)
            let after = try await summary(world, "?from=2026-07-01&to=2026-07-05", auditor)
            #expect(after.unit("xa-b")?.verificationsInTime == 1, "the figures changed once it was verified")
            #expect(after.open.high == 0, "and it left the open incidents when resolved")
        }
    }

    @Test func eachRoleSeesItsOwnPart() async throws {
        try await IncidentListWorld.with { world in
            let district = try await world.harness.bearer(.supervisor, unit: "huyen-a")
            let own = try await summary(world, "?from=2026-07-01&to=2026-07-05", district)
            #expect(own.under == "huyen-a" && own.units.map(\.unitId) == ["xa-b"] && own.open.total == 0)
            #expect(try await world.status("/v1/incidents/summary?under=huyen-c", district).0 == .forbidden)
            #expect(try await world.status("/v1/incidents/summary?under=tinh", district).0 == .forbidden, "not above its unit")
            let commune = try await world.harness.bearer(.unitOfficer, unit: "xa-b")
            #expect(try await summary(world, "?from=2026-07-01&to=2026-07-05", commune).units.map(\.unitId) == ["xa-b"])
            #expect(try await world.status("/v1/incidents/summary?under=huyen-a", commune).0 == .forbidden)
            let monitor = try await world.harness.bearer(.monitor)
            #expect(try await world.status("/v1/incidents/summary", monitor).0 == .forbidden)
            let admin = try await world.harness.bearer(.admin)
            #expect(try await summary(world, "?from=2026-07-01&to=2026-07-05&under=huyen-c", admin).units.map(\.unitId) == ["huyen-c"])
            // A window that ends before it starts counts nothing.
            let empty = try await summary(world, "?from=2026-07-05&to=2026-07-01", admin)
            #expect(empty.units.isEmpty && empty.open.total == 2)
            for (query, field) in [("from=2026-13-01", "from"), ("to=yesterday", "to"), ("asOf=now", "asOf"), ("under=A", "under")] {
                let (status, problem) = try await world.status("/v1/incidents/summary?\(query)", admin)
                #expect(status == .badRequest && problem?.field == field, "\(query)")
            }
        }
    }
}
