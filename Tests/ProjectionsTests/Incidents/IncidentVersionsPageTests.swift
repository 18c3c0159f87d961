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

    @Test func everyPageAtEveryPositionIsTheFoldsPage() async throws {
        try await TestDatabase.with { database in
            let bare = PostgresEventStore(client: database.client, logger: database.logger, inline: [])
            let store = database.store()
            let events = try F.recorded(OpenIncidentsProjectionTests.events)
            for (index, event) in events.enumerated() {
                if index == events.count / 2 {
                    #expect(try await InlineProjections.catchUp(store: store, client: database.client, logger: database.logger) > 0)
                }
                _ = try await (index < events.count / 2 ? bare : store).append(
                    AppendRequest(
                        stream: event.streamId, expectedVersion: .any,
                        events: [NewEvent(type: event.type, schemaVersion: event.schemaVersion, data: event.data)],
                        metadata: EventMetadata(actor: .system("test"))))
            }
            let log = try await store.readAll(after: 0, limit: 1000, filter: .all).events
            let history = IncidentHistory(client: database.client, logger: database.logger)
            var nonEmpty = 0
            var dueTimesMoved = false
            var previousDue: [String: Timestamp?] = [:]
            for position in [nil] + (0...Int64(log.count)).map(Optional.some) {
                var register = IncidentRegister()
                try register.apply(log.filter { position == nil || $0.position <= position! })
                let rows = register.rows
                for row in rows {
                    if let before = previousDue[row.incidentId], before != row.nextDueAt, position != nil { dueTimesMoved = true }
                    previousDue[row.incidentId] = row.nextDueAt
                }
                for (name, configure) in OpenIncidentsReaderTests.filters {
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
                        #expect(seen == expected, "\(name), \(order.rawValue) at \(position.map(String.init) ?? "now")")
                    }
                }
            }
            #expect(nonEmpty > 1000, "most filters select something at most positions: \(nonEmpty)")
            #expect(dueTimesMoved, "the history has a due time that changes while the incident stays open")
        }
    }
}
