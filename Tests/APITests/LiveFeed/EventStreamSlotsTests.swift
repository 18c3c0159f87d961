import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import API

/// Live streams are capped: each holds a LISTEN connection from the pool every request shares.
@Suite struct EventStreamSlotsTests {
    static func refusal(_ result: Result<EventStreamSlots.Lease, EventStreamSlots.Refusal>) -> EventStreamSlots.Refusal? {
        if case .failure(let refusal) = result { return refusal }
        return nil
    }

    @Test func aSlotIsHeldUntilItsLeaseIsGone() throws {
        let slots = EventStreamSlots(limit: 2)
        var first: EventStreamSlots.Lease? = try slots.acquire(for: "a").get()
        let second = try slots.acquire(for: "b").get()
        #expect(first != nil)
        #expect(Self.refusal(slots.acquire(for: "c")) == .full, "both slots are taken")
        first = nil
        #expect(slots.inUse == 1)
        let third = try? slots.acquire(for: "c").get()
        #expect(third != nil, "a released slot can be taken again")
        second.release()
        second.release()
        #expect(slots.inUse == 1, "releasing twice gives back one slot")
        _ = third
    }

    @Test func oneTokenHoldsAtMostItsShare() throws {
        let slots = EventStreamSlots(limit: 8, perToken: 2)
        let held = try (0..<2).map { _ in try slots.acquire(for: "greedy").get() }
        #expect(Self.refusal(slots.acquire(for: "greedy")) == .tokenFull)
        #expect(slots.inUse(by: "greedy") == 2)
        let other = try slots.acquire(for: "other").get()
        #expect(slots.inUse == 3, "other tokens still get slots")
        held[0].release()
        #expect((try? slots.acquire(for: "greedy").get()) != nil, "a token's released slot is its again")
        _ = other
    }

    @Test func aTokenBeyondItsShareIsA429WithRetryAfter() async throws {
        try await LiveHarness.with(eventStreamLimitPerToken: 0) { harness, _, client in
            let auth = try await harness.bearer()
            try await client.execute(uri: "/v1/events/stream?limit=1", method: .get, headers: auth) { response in
                #expect(response.status == .tooManyRequests)
                #expect(response.headers[.retryAfter] == "5")
                let problem = try response.json(Problem.self)
                #expect(problem.type == "urn:opinion-ledger:problem:too-many-requests")
            }
        }
    }

    @Test func aStreamBeyondTheLimitIsA503WithRetryAfter() async throws {
        try await LiveHarness.with(eventStreamLimit: 0) { harness, _, client in
            let auth = try await harness.bearer()
            try await client.execute(uri: "/v1/events/stream?limit=1", method: .get, headers: auth) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(response.headers[.retryAfter] == "5")
            }
        }
    }

    @Test func finishedStreamsGiveTheirSlotBack() async throws {
        try await LiveHarness.with(eventStreamLimit: 1) { harness, _, client in
            let auth = try await harness.bearer()
            try await harness.appendEvents(1, to: "unit-a")
            for _ in 0..<3 {
                try await client.execute(uri: "/v1/events/stream?limit=1", method: .get, headers: auth) { response in
                    #expect(response.status == .ok)
                }
            }
        }
    }
}
