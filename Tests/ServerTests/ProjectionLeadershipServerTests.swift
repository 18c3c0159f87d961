import EventStore
import Events
import Foundation
import LedgerTestSupport
import PostgresNIO
import Synchronization
import Testing

/// Two instances against one database (issue 14, item 7): both serve, exactly one runs each followed
/// projection, and when the leader is killed (`kill -9`) while events keep coming, the other takes
/// over: nothing applied twice or skipped (`check-projections` equals a replay from 0), lag back to 0.
@Suite struct ProjectionLeadershipServerTests {
    /// How many instances hold the lead of `name` (0 or 1).
    static func leaders(_ name: String, _ database: TestDatabase) async throws -> Int64 {
        let rows = try await database.client.query(
            """
            SELECT count(*)::bigint FROM pg_locks l JOIN pg_database d ON d.oid = l.database
            WHERE l.locktype = 'advisory' AND l.granted AND l.classid = 7302 AND l.objsubid = 2
              AND l.objid = (hashtext(\(name))::bigint & 4294967295)::oid AND d.datname = current_database()
            """)
        for try await count in rows.decode(Int64.self) { return count }
        return 0
    }

    static func checkpoint(_ name: String, _ database: TestDatabase) async throws -> Int64 {
        let rows = try await database.client.query("SELECT position FROM projection_checkpoints WHERE name = \(name)")
        for try await position in rows.decode(Int64.self) { return position }
        return 0
    }

    /// Waits (bounded by `limit`, generous) until `condition` holds; returns whether it did.
    static func eventually(within limit: Duration = .seconds(60), _ condition: () async throws -> Bool) async throws -> Bool {
        let clock = ContinuousClock()
        let start = clock.now
        while clock.now - start < limit {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(100))
        }
        return try await condition()
    }

    static func logged(_ n: Int) throws -> AppendRequest {
        let id = "lanh-dao-\(n)"
        let at = Timestamp(Date())
        let event = IncidentEvent.logged(
            IncidentLogged(
                incidentId: id, source: .press, outlet: "Báo Trà Vinh", url: "https://example.vn/\(id)",
                canonicalUrl: "https://example.vn/\(id)", publishedAt: at, author: nil, title: "Tin số \(n)", summary: "Tóm tắt",
                topics: ["đất đai"], unitIds: ["huyen-a"], severity: .medium, reach: nil, hotSpot: false, pressRequest: nil, loggedAt: at))
        return AppendRequest(
            stream: IncidentEvent.streamId(of: id)!, expectedVersion: .noStream, events: [try event.newEvent()],
            metadata: EventMetadata(actor: .system("test")))
    }

    @Test func killingTheLeaderHandsTheProjectionToTheOtherInstanceWithNothingLostOrDoubled() async throws {
        try await TestDatabase.with(maximumConnections: 6) { database in
            let name = "open-incidents"
            let environment = LedgerProcess.environment(database.url)
            let first = try RunningServer(environment: environment)
            try await first.waitUntilReady()
            #expect(try await Self.eventually { try await Self.leaders(name, database) == 1 }, "the first instance leads")
            let second = try RunningServer(environment: environment)
            try await second.waitUntilReady()
            #expect(try await second.get("/health/ready").status == 200, "the standby serves too")

            // Events keep coming, from a writer of their own, through the kill.
            let store = database.store()
            let written = Atomic<Int>(0)
            let lastPosition = Atomic<Int64>(0)
            let writer = Task {
                var n = 0
                while !Task.isCancelled {
                    n += 1
                    let result = try await store.append(Self.logged(n))
                    written.store(n, ordering: .relaxed)
                    lastPosition.store(result.positions.last ?? 0, ordering: .relaxed)
                    try await Task.sleep(for: .milliseconds(20))
                }
            }
            defer { writer.cancel() }
            #expect(try await Self.eventually { written.load(ordering: .relaxed) >= 20 })
            #expect(try await Self.eventually { try await Self.checkpoint(name, database) >= 20 }, "the leader applies")
            #expect(try await Self.leaders(name, database) == 1, "one leader with two instances up")

            kill(first.process.processIdentifier, SIGKILL)
            let killedAt = ContinuousClock.now
            let atKill = lastPosition.load(ordering: .relaxed)
            // The lead passes on: the checkpoint moves past what was written when the leader died.
            #expect(try await Self.eventually { try await Self.checkpoint(name, database) > atKill }, "the standby took over")
            let failover = ContinuousClock.now - killedAt
            try await Task.sleep(for: .seconds(1))
            writer.cancel()
            _ = try? await writer.value
            let last = lastPosition.load(ordering: .relaxed)
            #expect(try await Self.eventually { try await Self.checkpoint(name, database) >= last }, "lag back to 0")
            let caughtUp = ContinuousClock.now - killedAt
            #expect(try await Self.leaders(name, database) == 1, "the survivor leads")
            print(
                "leader failover: applying again \(failover) after kill -9; lag 0 at \(caughtUp); \(written.load(ordering: .relaxed)) incidents written"
            )

            let check = try await LedgerProcess.run(["check-projections", name], environment: environment)
            #expect(check.status == 0, "nothing applied twice or skipped: \(check.stdout)")
            #expect(check.stdout.contains("\(name) at position \(last): ok"), "\(check.stdout)")
            #expect(await second.terminate() == 0)
            _ = await first.terminate()
        }
    }
}
