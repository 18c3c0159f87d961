import Events
import Projections
import Testing

/// The list's filters, orders and cursors over rows folded from the events, without a database.
@Suite struct IncidentListFilterTests {
    typealias F = IncidentFixtures
    let rows = try! F.register().rows
    let at = F.t("2024-10-10T12:00:00+07:00")

    func ids(_ configure: (inout IncidentListFilter) -> Void, order: IncidentListOrder = .loggedAt) -> [String] {
        var filter = IncidentListFilter(at: at)
        configure(&filter)
        return IncidentPage.of(rows, filter: filter, order: order, after: nil, limit: 100).rows.map(\.incidentId)
    }

    @Test func eachFilterNarrowsTheList() {
        #expect(ids { _ in } == ["gpmb-cho-don", "ntm-ba-be", "dvc-so-yte"])
        #expect(ids { $0.status = .open } == ["ntm-ba-be", "dvc-so-yte"])
        #expect(ids { $0.status = .resolved } == ["gpmb-cho-don"])
        #expect(ids { $0.unitId = "xa-bang-lang" } == ["gpmb-cho-don"], "the assigned unit counts")
        #expect(ids { $0.unitId = "huyen-ba-be" } == ["ntm-ba-be"], "a named unit counts")
        #expect(ids { $0.anyOfUnits = ["huyen-cho-don", "xa-bang-lang", "tt-bang-lung"] } == ["gpmb-cho-don"])
        #expect(ids { $0.source = .socialMedia } == ["ntm-ba-be"])
        #expect(ids { $0.severity = .low } == ["dvc-so-yte"])
        #expect(ids { $0.topic = "nông thôn mới" } == ["ntm-ba-be"])
        #expect(ids { $0.topic = "nong thon moi" } == [], "topics match exactly")
        #expect(ids { $0.hotSpot = true } == ["gpmb-cho-don"])
        #expect(ids { $0.hotSpot = false } == ["ntm-ba-be", "dvc-so-yte"])
        #expect(ids { $0.text = "du luan giai phong" } == ["gpmb-cho-don"])
        #expect(ids { $0.text = "đền bù" } == ["gpmb-cho-don"], "found by a sighting's title")
        #expect(ids { $0.text = "???" } == [])
        #expect(ids { $0.visibleUnits = ["so-yte"] } == ["dvc-so-yte"])
        #expect(ids { $0.visibleUnits = [] } == [])
        #expect(
            ids {
                $0.status = .open; $0.severity = .medium; $0.unitId = "xa-cao-thuong"
            } == ["ntm-ba-be"])
    }

    @Test func overdueIsDecidedAtTheInstantAskedAbout() {
        #expect(ids { $0.overdue = true } == ["ntm-ba-be"])
        #expect(ids { $0.overdue = false } == ["gpmb-cho-don", "dvc-so-yte"])
        #expect(
            ids {
                $0.overdue = true; $0.at = F.t("2024-10-03T12:00:00+07:00")
            } == [], "before its first clock ran out")
    }

    @Test func ordersAndTheirTieBreaks() {
        #expect(ids({ _ in }, order: .loggedAtDescending) == ["dvc-so-yte", "ntm-ba-be", "gpmb-cho-don"])
        #expect(ids({ _ in }, order: .severity) == ["dvc-so-yte", "ntm-ba-be", "gpmb-cho-don"])
        #expect(ids({ _ in }, order: .severityDescending) == ["gpmb-cho-don", "ntm-ba-be", "dvc-so-yte"])
        // Only Ba Bể has a running clock; the others sort as due at the end of time, by id.
        #expect(ids({ _ in }, order: .dueAt) == ["ntm-ba-be", "dvc-so-yte", "gpmb-cho-don"])
        #expect(ids({ _ in }, order: .dueAtDescending) == ["gpmb-cho-don", "dvc-so-yte", "ntm-ba-be"])
    }

    @Test func pagingWithTheCursorVisitsEveryRowOnceInEveryOrder() {
        for order in IncidentListOrder.allCases {
            let filter = IncidentListFilter(at: at)
            let whole = IncidentPage.of(rows, filter: filter, order: order, after: nil, limit: 100).rows.map(\.incidentId)
            var seen: [String] = []
            var cursor: IncidentCursor?
            repeat {
                let page = IncidentPage.of(rows, filter: filter, order: order, after: cursor, limit: 1)
                #expect(page.rows.count <= 1, "limit holds")
                seen += page.rows.map(\.incidentId)
                cursor = page.next
                if let next = cursor { #expect(IncidentCursor(next.description) == next, "the cursor survives its text form") }
            } while cursor != nil && seen.count <= rows.count
            #expect(whole.count == rows.count)
            #expect(seen == whole, "\(order)")
        }
    }

    @Test func cursorsParseOnlyTheirOwnShape() {
        #expect(IncidentCursor("1727751600000000:gpmb-cho-don") == IncidentCursor(key: 1_727_751_600_000_000, incidentId: "gpmb-cho-don"))
        #expect(IncidentCursor("-5:a") == IncidentCursor(key: -5, incidentId: "a"))
        #expect(IncidentCursor("999999999999999999:a")?.key == IncidentListOrder.noClockKey)
        for bad in ["", ":a", "1:", "1:A", "+1:a", "1234567890123456789:a", "x:a", "1:a:b", "--1:a"] {
            #expect(IncidentCursor(bad) == nil, "\(bad)")
        }
    }
}
