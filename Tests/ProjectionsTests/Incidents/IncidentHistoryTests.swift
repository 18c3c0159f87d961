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

    /// Appends `events` through the store (the inline models), the first half before the models
    /// existed — appended bare, then caught up — and returns the log as recorded.
    static func write(_ events: [RecordedEvent], _ database: TestDatabase) async throws -> [RecordedEvent] {
        let bare = PostgresEventStore(client: database.client, logger: database.logger, inline: [])
        let store = database.store()
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
        return try await store.readAll(after: 0, limit: 1000, filter: .all).events
    }

    @Test func statesAtEveryPositionAreTheFoldsStates() async throws {
        try await TestDatabase.with { database in
            let log = try await Self.write(try F.recorded(OpenIncidentsProjectionTests.events), database)
            let history = IncidentHistory(client: database.client, logger: database.logger)
            for position in 0...Int64(log.count) {
                var register = IncidentRegister()
                try register.apply(log.filter { $0.position <= position })
                #expect(try await history.entries(at: position) == register.entries, "at position \(position)")
            }
            #expect(try await history.entries(at: Int64(log.count)).count == 4)

            // What a selection takes is what the same rule takes from the fold, at every position:
            // by each concerned unit and pair of them, open only, and open or active since each instant.
            var all = IncidentRegister()
            try all.apply(log)
            let units = Set(all.entries.values.flatMap(\.state.concernedUnits)).sorted()
            let instants = Set(all.entries.values.compactMap(\.state.lastEventAt)).sorted()
            #expect(units.count >= 2 && instants.count >= 3)
            var selections: [IncidentSelection] = [.init(openOnly: true), .init(concerning: [])]
            selections += units.map { .init(concerning: [$0]) } + [.init(concerning: Set(units.prefix(2)), openOnly: true)]
            selections +=
                instants.map { .init(openOrActiveSince: $0) } + instants.map { .init(concerning: [units[0]], openOrActiveSince: $0) }
            func takes(_ selection: IncidentSelection, _ state: IncidentState) -> Bool {
                if let concerning = selection.concerning, !state.concernedUnits.contains(where: concerning.contains) { return false }
                if selection.openOnly, !state.isOpen { return false }
                if let since = selection.openOrActiveSince, !state.isOpen, (state.lastEventAt ?? state.loggedAt) < since { return false }
                return true
            }
            for position in 0...Int64(log.count) {
                var register = IncidentRegister()
                try register.apply(log.filter { $0.position <= position })
                for selection in selections {
                    let expected = register.entries.filter { takes(selection, $0.value.state) }
                    #expect(try await history.entries(at: position, selecting: selection) == expected, "\(selection) at \(position)")
                }
            }
        }
    }

    /// Rows enough to be decoded across the cores come back whole and in order.
    @Test func manyRowsDecodeAcrossTheCoresInOrder() async throws {
        var register = IncidentRegister()
        try register.apply(try F.recorded(OpenIncidentsProjectionTests.events))
        let states = register.entries.values.map(\.state)
        let encoder = JSONEncoder()
        var texts: [String] = []
        var expected: [(String, IncidentRegister.Entry)] = []
        for index in 0..<1_001 {
            let state = states[index % states.count]
            let id = "incident-\(index)"
            texts.append("\(id) \(index + 1) " + String(decoding: try encoder.encode(state), as: UTF8.self))
            expected.append((id, IncidentRegister.Entry(state: state, lastPosition: Int64(index + 1))))
        }
        let decoded = try await IncidentHistory.decode(texts)
        #expect(decoded.map(\.0) == expected.map(\.0))
        #expect(decoded.map(\.1) == expected.map(\.1))
    }
}
