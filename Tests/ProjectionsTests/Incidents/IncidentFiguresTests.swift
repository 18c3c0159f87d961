import Events
import Projections
import Testing

/// The supervisors' figures on the known October scenario, without a database.
@Suite struct IncidentFiguresTests {
    typealias F = IncidentFixtures
    let register = try! F.register()
    let october = (from: F.t("2024-10-01T00:00:00+07:00"), to: F.t("2024-11-01T00:00:00+07:00"))
    let at = F.t("2024-10-10T12:00:00+07:00")

    func figures(scope: Set<String>? = nil, at: Timestamp? = nil) -> IncidentFigures {
        IncidentFigures.compute(
            register.entries.values.map(\.state), rules: register.rules, scope: scope, from: october.from, to: october.to,
            at: at ?? self.at)
    }

    @Test func openIncidentsByAgeAndSeverity() {
        let figures = figures()
        #expect(figures.open.total == 2)
        // Ba Bể logged 3 Oct 08:00: 7 days 4 hours old; Sở Y tế logged 4 Oct 09:00: 6 days 3 hours.
        #expect(figures.openByAge[.sevenToThirtyDays]?.medium == 1)
        #expect(figures.openByAge[.oneToSevenDays]?.low == 1)
        #expect(figures.openByAge[.underOneDay] == nil && figures.openByAge[.overThirtyDays] == nil)
        // The same states seen at an earlier instant: both were younger.
        let earlier = self.figures(at: F.t("2024-10-04T12:00:00+07:00"))
        #expect(earlier.openByAge[.oneToSevenDays]?.medium == 1, "Ba Bể: 1 day 4 hours")
        #expect(earlier.openByAge[.underOneDay]?.low == 1, "Sở Y tế: 3 hours")
    }

    @Test func perUnitFiguresCountWhatWasDecidedOrDoneInTheWindow() throws {
        let units = Dictionary(uniqueKeysWithValues: figures().units.map { ($0.unitId, $0) })
        #expect(units.keys.sorted() == ["so-yte", "xa-bang-lang", "xa-cao-thuong"])

        let bangLang = try #require(units["xa-bang-lang"])
        #expect(bangLang.verificationsDue == 1 && bangLang.verificationsInTime == 1, "verified 3 Oct, due 4 Oct")
        #expect(bangLang.responsesDue == 1 && bangLang.responsesInTime == 0, "first information due 2 Oct 08:00, rebuttal 3 Oct 16:00")
        #expect(bangLang.inaccurateVerifications == 1 && bangLang.correctionsRequested == 1)
        #expect(bangLang.medianSecondsToVerify == Int64(47 * 3600), "logged 1 Oct 10:00, verified 3 Oct 09:00")
        #expect(bangLang.medianSecondsToResolve == Int64(4 * 86400), "logged 1 Oct 10:00, resolved 5 Oct 10:00")

        let caoThuong = try #require(units["xa-cao-thuong"])
        #expect(caoThuong.verificationsDue == 1 && caoThuong.verificationsInTime == 0, "overdue since 6 Oct")
        #expect(caoThuong.responsesDue == 1 && caoThuong.responsesInTime == 0)
        #expect(caoThuong.medianSecondsToVerify == nil && caoThuong.medianSecondsToResolve == nil)

        let yte = try #require(units["so-yte"])
        #expect(yte.verificationsDue == 1 && yte.verificationsInTime == 1)
        #expect(yte.responsesDue == 1 && yte.responsesInTime == 0)
        #expect(yte.inaccurateVerifications == 0 && yte.correctionsRequested == 0)
        #expect(yte.medianSecondsToVerify == Int64(3 * 86400 + 3600))

        let total = figures().total
        #expect(total.verificationsDue == 3 && total.verificationsInTime == 2)
        #expect(total.responsesDue == 3 && total.responsesInTime == 0)
        let middle: Int64 = (47 * 3600 + 3 * 86400 + 3600) / 2
        #expect(total.medianSecondsToVerify == middle, "the mean of the two middle values")
    }

    @Test func aScopeKeepsOnlyItsIncidentsAndUnits() {
        let choDon = figures(scope: ["huyen-cho-don", "xa-bang-lang", "tt-bang-lung"])
        #expect(choDon.open.total == 0)
        #expect(choDon.units.map(\.unitId) == ["xa-bang-lang"])
        let none = figures(scope: ["so-tnmt"])
        #expect(none.units.isEmpty && none.open.total == 0)
    }

    @Test func aWindowThatEndsEarlierCountsLess() {
        let firstDays = IncidentFigures.compute(
            register.entries.values.map(\.state), rules: register.rules, scope: nil, from: october.from,
            to: F.t("2024-10-04T00:00:00+07:00"), at: at)
        // Chợ Đồn's first information ran out on 2 Oct, Ba Bể's at 20:00 on 3 Oct; Chợ Đồn's verification was
        // done in time on 3 Oct (due on the 4th). Sở Y tế's clocks were settled after the window.
        #expect(firstDays.total.responsesDue == 2)
        #expect(firstDays.total.verificationsDue == 1 && firstDays.total.verificationsInTime == 1)
        #expect(firstDays.units.first { $0.unitId == "xa-bang-lang" }?.medianSecondsToVerify == Int64(47 * 3600))
        #expect(firstDays.total.medianSecondsToResolve == nil)
    }

    @Test func medians() {
        #expect(IncidentFigures.median([]) == nil)
        #expect(IncidentFigures.median([5]) == 5)
        #expect(IncidentFigures.median([9, 1, 5]) == 5)
        #expect(IncidentFigures.median([1, 2, 3, 10]) == 2)
    }

    @Test func ageBands() {
        let day: Int64 = 86_400_000_000
        #expect(IncidentFigures.AgeBand.of(ageMicroseconds: day - 1) == .underOneDay)
        #expect(IncidentFigures.AgeBand.of(ageMicroseconds: day) == .oneToSevenDays)
        #expect(IncidentFigures.AgeBand.of(ageMicroseconds: 7 * day) == .sevenToThirtyDays)
        #expect(IncidentFigures.AgeBand.of(ageMicroseconds: 30 * day) == .overThirtyDays)
    }
}
