import EventStore
import Events
import Foundation
import LedgerTestSupport
import Testing

@testable import Projections

/// The inline merge links (`incident_merges`) answer which incidents were merged into one, at every
/// position, as a scan of the log's `IncidentMerged` events does; and a log written without the
/// model is caught up.
@Suite struct MergeLinksTests {
    static func merge(_ id: String, into: String) throws -> NewEvent {
        try NewEvent(
            IncidentMerged(incidentId: id, into: into, reason: nil, mergedAt: Timestamp(microsecondsSinceEpoch: 1_700_000_000_000_000)))
    }

    /// The oracle: every merge into `into` at or below `position`, in log order.
    static func scanned(_ log: [RecordedEvent], into: String, at position: Int64) throws -> [String] {
        try log.filter { $0.position <= position }.compactMap { recorded in
            if case .merged(let merge)? = try IncidentEvent(recorded), merge.into == into { return merge.incidentId }
            return nil
        }
    }

    @Test func linksAtEveryPositionAreWhatTheLogsMergesSay() async throws {
        try await TestDatabase.with { database in
            let bare = PostgresEventStore(client: database.client, logger: database.logger, inline: [])
            let store = database.store()
            var random = UnitTreeTests.Generator(state: 21)
            let targets = ["a", "b", "c"]
            for index in 0..<40 {
                // The first half as before the model existed; then caught up; then kept inline.
                if index == 20 {
                    #expect(try await InlineProjections.catchUp(store: store, client: database.client, logger: database.logger) > 0)
                }
                let writer = index < 20 ? bare : store
                let target = random.pick(targets)
                _ = try await writer.append(
                    AppendRequest(
                        stream: StreamID("incident-m\(index)")!, expectedVersion: .any, events: [try Self.merge("m\(index)", into: target)],
                        metadata: EventMetadata(actor: .system("test"))))
                _ = try await writer.append(
                    AppendRequest(
                        stream: StreamID("other-\(index)")!, expectedVersion: .any, events: [NewEvent(type: "Noted", data: .object([:]))],
                        metadata: EventMetadata(actor: .system("test"))))
            }
            let log = try await UnitTreeTests.log(store)
            let links = MergeLinks(client: database.client, logger: database.logger)
            for position in stride(from: Int64(0), through: Int64(log.count), by: 3) {
                for target in targets {
                    #expect(
                        try await links.absorbed(into: target, at: position) == (try Self.scanned(log, into: target, at: position)),
                        "merged into \(target) at \(position)")
                }
            }
        }
    }
}
