import EventStore
import Events
import Foundation
import LedgerTestSupport
import Testing

@testable import Projections

/// The inline incident history (`incident_versions`) holds, at every position, the states a fold of
/// the log up to that position holds: three incidents across their lifecycle, a rule change, a
/// reopening and a merge; half of it written before the model existed and caught up.
@Suite struct IncidentHistoryTests {
    typealias F = IncidentFixtures

    @Test func statesAtEveryPositionAreTheFoldsStates() async throws {
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
            for position in 0...Int64(log.count) {
                var register = IncidentRegister()
                try register.apply(log.filter { $0.position <= position })
                #expect(try await history.entries(at: position) == register.entries, "at position \(position)")
            }
            #expect(try await history.entries(at: Int64(log.count)).count == 4)
        }
    }
}
