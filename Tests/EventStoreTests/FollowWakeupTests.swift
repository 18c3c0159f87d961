import EventStore
import Events
import Foundation
import LedgerTestSupport
import Testing

/// A follower is woken by the commit notification, not only by polling.
@Suite struct FollowWakeupTests {
    @Test func followerWakesOnNotifyLongBeforeItsPollInterval() async throws {
        try await TestDatabase.with { database in
            // Poll only once an hour: an event that arrives within seconds came through LISTEN/NOTIFY.
            let store = PostgresEventStore(client: database.client, logger: database.logger, pollInterval: .seconds(3600))
            let stream = try #require(StreamID("unit-notify"))
            let received = try await withThrowingTaskGroup(of: RecordedEvent?.self) { group in
                group.addTask {
                    for try await event in store.follow(after: 0, filter: .all) { return event }
                    return nil
                }
                group.addTask {
                    // Let the follower read the empty log and start listening before appending.
                    try await Task.sleep(for: .milliseconds(500))
                    _ = try await store.append(
                        AppendRequest(
                            stream: stream, expectedVersion: .noStream,
                            events: [NewEvent(type: "Pinged", data: .object([:]))],
                            metadata: EventMetadata(actor: .system("test"))))
                    try await Task.sleep(for: .seconds(20))
                    return nil
                }
                let first = try await group.next() ?? nil
                group.cancelAll()
                return first
            }
            #expect(received?.streamId == stream)
            #expect(received?.position == 1)
        }
    }
}
