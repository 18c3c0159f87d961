import Events
import Foundation
import HTTPTypes
import Hummingbird
import LedgerTestSupport
import Testing

@testable import API

/// The command shell's two race rules, on their own: a refused request whose key a twin committed
/// meanwhile (in another process) replays the twin; a write without `If-Match` is run again after a
/// lost race, a bounded number of times; with `If-Match` the first conflict is the answer.
@Suite struct WriteShellTests {
    static let actor = ActorRef(tokenId: "t-1", role: .admin)

    static func command(key: String?, ifMatch: Int64? = nil) -> CommandRequest<[String: String]> {
        CommandRequest(
            actor: actor, body: [:], idempotency: key.map { IdempotencyKey(scope: actor.tokenId, key: $0, fingerprint: "f") },
            ifMatch: ifMatch)
    }

    static let conflict = EventStoreError.wrongExpectedVersion(stream: StreamID("s-1")!, expected: .exact(1), actual: 2)

    @Test func aRefusalAfterATwinCommittedReplaysTheTwin() async throws {
        try await TestDatabase.with { database in
            let store = database.store()
            let command = Self.command(key: "k-1")
            let response = try await command.once(store: store, replay: { Response(status: .created, headers: [.eTag: "\($0.positions)"]) }) {
                // A twin in another process commits the key after this request checked it, then this one is refused.
                _ = try await store.append(
                    AppendRequest(
                        stream: StreamID("s-1")!, expectedVersion: .noStream, events: [NewEvent(type: "TestHappened", data: .object([:]))],
                        metadata: EventMetadata(actor: Self.actor), idempotency: command.idempotency))
                throw APIError(.stateConflict, "already done")
            }
            #expect(response.status == .created)
            #expect(response.headers[.eTag] == "[1]")
        }
    }

    @Test func aRefusalWithoutATwinIsTheAnswer() async throws {
        try await TestDatabase.with { database in
            let store = database.store()
            await #expect(throws: APIError.self) {
                _ = try await Self.command(key: "k-2").once(store: store, replay: { _ in Response(status: .ok) }) {
                    throw APIError(.stateConflict, "already done")
                }
            }
        }
    }

    @Test func aLostRaceWithoutIfMatchIsRunAgain() async throws {
        let tries = Counter()
        let value = try await ConflictRetry.run(stream: StreamID("s-1")!, ifMatch: nil) {
            if await tries.next() < 4 { throw Self.conflict }
            return "done"
        }
        #expect(value == "done")
        #expect(await tries.value == 4)
    }

    @Test func aLostRaceWithIfMatchIsTheAnswer() async throws {
        let tries = Counter()
        await #expect(throws: EventStoreError.self) {
            try await ConflictRetry.run(stream: StreamID("s-2")!, ifMatch: 1) {
                _ = await tries.next()
                throw Self.conflict
            }
        }
        #expect(await tries.value == 1)
    }

    @Test func retriesAreBounded() async throws {
        let tries = Counter()
        await #expect(throws: EventStoreError.self) {
            try await ConflictRetry.run(stream: StreamID("s-3")!, ifMatch: nil) {
                _ = await tries.next()
                throw Self.conflict
            }
        }
        #expect(await tries.value == ConflictRetry.attempts)
    }

    @Test func writersOfOneKeyTakeTurnsInArrivalOrder() async throws {
        let turns = WriterTurns()
        let log = Counter()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    try await turns.inTurn("k") {
                        let inside = await log.enter()
                        #expect(inside == 1, "one writer at a time")
                        try await Task.sleep(for: .milliseconds(2))
                        await log.leave()
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(await log.value == 8)
        #expect(await turns.heldKeys == 0)
    }
}

/// Counts calls, and writers inside a turn.
actor Counter {
    private(set) var value = 0
    private var inside = 0

    func next() -> Int {
        value += 1
        return value
    }

    func enter() -> Int {
        value += 1
        inside += 1
        return inside
    }

    func leave() { inside -= 1 }
}
