import EventStore
import Events
import Foundation
import LedgerTestSupport
import Logging
import PostgresNIO
import Projections
import Testing

/// The list's filters, orders and cursors stated in SQL over the live table give exactly the answers
/// of the Swift rules over rows folded from the same events — search with and without diacritics included.
@Suite struct OpenIncidentsReaderTests {
    typealias F = IncidentFixtures

    @Test func sqlAndSwiftGiveTheSamePagesForEveryFilterAndOrder() async throws {
        try await TestDatabase.with { database in
            let events = try F.recorded(OpenIncidentsProjectionTests.events)
            try await OpenIncidentsProjectionTests.apply(events, pageSize: 4, database)
            var register = IncidentRegister()
            try register.apply(events)
            let rows = register.rows
            let reader = OpenIncidentsReader(client: database.client, logger: database.logger)
            #expect(rows.count >= 3)
            var selecting: Set<String> = []
            for (name, configure) in IncidentVersionsPageTests.filters {
                var filter = IncidentListFilter(at: F.t("2024-10-10T12:00:00+07:00"))
                configure(&filter)
                for order in IncidentListOrder.allCases {
                    let expected = IncidentPage.of(rows, filter: filter, order: order, after: nil, limit: 100).rows.map(\.incidentId)
                    if !expected.isEmpty { selecting.insert(name) }
                    var seen: [String] = []
                    var cursor: IncidentCursor?
                    repeat {
                        let page = try await reader.page(filter: filter, order: order, after: cursor, limit: 2)
                        #expect(page.rows.count <= 2, "limit holds")
                        seen += page.rows.map(\.incidentId)
                        cursor = page.next
                    } while cursor != nil && seen.count < 20
                    #expect(seen == expected, "\(name), \(order.rawValue)")
                }
            }
            #expect(selecting.count * 2 >= IncidentVersionsPageTests.filters.count, "most filters select something: \(selecting.sorted())")
        }
    }

    @Test func extremeCursorsAreAnsweredLikeInSwift() async throws {
        try await TestDatabase.with { database in
            let events = try F.recorded(F.scenario)
            try await OpenIncidentsProjectionTests.apply(events, pageSize: 100, database)
            var register = IncidentRegister()
            try register.apply(events)
            let reader = OpenIncidentsReader(client: database.client, logger: database.logger)
            let filter = IncidentListFilter(at: F.t("2024-10-10T12:00:00+07:00"))
            for key: Int64 in [-999_999_999_999_999_999, -1, 0, 999_999_999_999_999_998, IncidentListOrder.noClockKey] {
                for order in IncidentListOrder.allCases {
                    let cursor = IncidentCursor(key: key, incidentId: "m")
                    let expected = IncidentPage.of(register.rows, filter: filter, order: order, after: cursor, limit: 10).rows.map(
                        \.incidentId)
                    let page = try await reader.page(filter: filter, order: order, after: cursor, limit: 10)
                    #expect(page.rows.map(\.incidentId) == expected, "\(key), \(order.rawValue)")
                }
            }
        }
    }

    @Test func searchFindsTheSameIncidentWithAndWithoutDiacritics() async throws {
        try await TestDatabase.with { database in
            try await OpenIncidentsProjectionTests.apply(try F.recorded(F.scenario), pageSize: 100, database)
            let reader = OpenIncidentsReader(client: database.client, logger: database.logger)
            func found(_ text: String) async throws -> [String] {
                var filter = IncidentListFilter(at: F.t("2024-10-10T12:00:00+07:00"))
                filter.text = text
                return try await reader.page(filter: filter, order: .loggedAt, after: nil, limit: 10).rows.map(\.incidentId)
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
