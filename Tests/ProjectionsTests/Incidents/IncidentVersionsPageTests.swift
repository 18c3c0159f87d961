import EventStore
import Events
import Foundation
import LedgerTestSupport
import Testing

@testable import Projections

/// The incident list read from `incident_versions` — filters, orders and cursors stated in SQL over
/// the versions valid at a position — gives, page by page, exactly the rows the Swift rules give over
/// the incidents folded from the log up to that position (the oracle), at every position and now:
/// through a clock-rule revision that moves due times (versions split at it), a reopening, a merge,
/// and half of the log written before the model existed and caught up.
@Suite struct IncidentVersionsPageTests {
    typealias F = IncidentFixtures

    static let filters: [(String, @Sendable (inout IncidentListFilter) -> Void)] = [
        ("everything", { _ in }),
        ("open", { $0.status = .open }),
        ("merged", { $0.status = .merged }),
        ("unit", { $0.unitId = "xa-bang-lang" }),
        ("under", { $0.anyOfUnits = ["huyen-ba-be", "xa-cao-thuong"] }),
        ("visible", { $0.visibleUnits = ["so-yte", "xa-bang-lang"] }),
        ("source", { $0.source = .socialMedia }),
        ("severity", { $0.severity = .high }),
        ("topic", { $0.topic = "nông thôn mới" }),
        ("overdue", { $0.overdue = true }),
        ("not overdue", { $0.overdue = false }),
        (
            "overdue earlier",
            {
                $0.overdue = true; $0.at = F.t("2024-10-03T21:00:00+07:00")
            }
        ),
        ("hot spot", { $0.hotSpot = true }),
        ("q with diacritics", { $0.text = "dư luận" }),
        ("q without diacritics", { $0.text = "du luan" }),
        ("q đ as d", { $0.text = "DEN BU dat dai" }),
        ("q on the outlet", { $0.text = "vnexpress" }),
        ("q two topics", { $0.text = "nông thôn" }),
        ("q nothing", { $0.text = "hợp tác xã" }),
        ("q no words", { $0.text = "?!" }),
        (
            "combined",
            {
                $0.status = .open; $0.text = "nong thon moi"; $0.unitId = "xa-cao-thuong"
            }
        ),
    ]

    @Test func everyPageAtEveryPositionIsTheFoldsPage() async throws {
        try await TestDatabase.with { database in
            let log = try await IncidentHistoryTests.write(try F.recorded(OpenIncidentsProjectionTests.events), database)
            let history = IncidentHistory(client: database.client, logger: database.logger)
            var nonEmpty = 0
            var dueTimesMoved = false
            var previousDue: [String: Timestamp?] = [:]
            for position in 0...Int64(log.count) {
                var register = IncidentRegister()
                try register.apply(log.filter { $0.position <= position })
                let rows = register.rows
                for row in rows {
                    if let before = previousDue[row.incidentId], before != row.nextDueAt { dueTimesMoved = true }
                    previousDue[row.incidentId] = row.nextDueAt
                }
                for (name, configure) in Self.filters {
                    var filter = IncidentListFilter(at: F.t("2024-10-10T12:00:00+07:00"))
                    configure(&filter)
                    for order in IncidentListOrder.allCases {
                        let expected = IncidentPage.of(rows, filter: filter, order: order, after: nil, limit: 100).rows
                        if !expected.isEmpty { nonEmpty += 1 }
                        var seen: [IncidentRow] = []
                        var cursor: IncidentCursor?
                        repeat {
                            let page = try await history.page(
                                at: position, rules: register.rules, filter: filter, order: order, after: cursor, limit: 2)
                            #expect(page.rows.count <= 2, "limit holds")
                            seen += page.rows
                            cursor = page.next
                        } while cursor != nil && seen.count < 20
                        #expect(seen == expected, "\(name), \(order.rawValue) at \(position)")
                    }
                }
            }
            #expect(nonEmpty > 1000, "most filters select something at most positions: \(nonEmpty)")
            #expect(dueTimesMoved, "the history has a due time that changes while the incident stays open")
        }
    }

    /// The log of the incident scenario, and a reader and the rules at its head.
    static func scenario(_ database: TestDatabase) async throws -> (IncidentHistory, IncidentRegister, Int64) {
        let log = try await IncidentHistoryTests.write(try F.recorded(F.scenario), database)
        var register = IncidentRegister()
        try register.apply(log)
        return (IncidentHistory(client: database.client, logger: database.logger), register, Int64(log.count))
    }

    @Test func extremeCursorsAreAnsweredLikeInSwift() async throws {
        try await TestDatabase.with { database in
            let (history, register, head) = try await Self.scenario(database)
            let filter = IncidentListFilter(at: F.t("2024-10-10T12:00:00+07:00"))
            for key: Int64 in [-999_999_999_999_999_999, -1, 0, 999_999_999_999_999_998, IncidentListOrder.noClockKey] {
                for order in IncidentListOrder.allCases {
                    let cursor = IncidentCursor(key: key, incidentId: "m")
                    let expected = IncidentPage.of(register.rows, filter: filter, order: order, after: cursor, limit: 10).rows.map(
                        \.incidentId)
                    let page = try await history.page(
                        at: head, rules: register.rules, filter: filter, order: order, after: cursor, limit: 10)
                    #expect(page.rows.map(\.incidentId) == expected, "\(key), \(order.rawValue)")
                }
            }
        }
    }

    @Test func searchFindsTheSameIncidentWithAndWithoutDiacritics() async throws {
        try await TestDatabase.with { database in
            let (history, register, head) = try await Self.scenario(database)
            func found(_ text: String) async throws -> [String] {
                var filter = IncidentListFilter(at: F.t("2024-10-10T12:00:00+07:00"))
                filter.text = text
                return try await history.page(at: head, rules: register.rules, filter: filter, order: .loggedAt, after: nil, limit: 10).rows
                    .map(\.incidentId)
            }
            #expect(try await found("dư luận") == ["gpmb-cho-don"])
            #expect(try await found("du luan") == ["gpmb-cho-don"])
            #expect(try await found("DƯ LUẬN") == ["gpmb-cho-don"])
            #expect(try await found("đường bê tông") == ["ntm-ba-be"])
            #expect(try await found("duong be tong") == ["ntm-ba-be"])
            #expect(try await found("dich vu cong") == ["dvc-so-yte"])
            #expect(try await found("luận án") == [])
        }
    }
}
