import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import API

/// Live streams are capped: each holds a LISTEN connection from the pool every request shares.
@Suite struct EventStreamSlotsTests {
    @Test func aSlotIsHeldUntilItsLeaseIsGone() {
        let slots = EventStreamSlots(limit: 2)
        var first = slots.acquire()
        let second = slots.acquire()
        #expect(first != nil && second != nil)
        #expect(slots.acquire() == nil, "both slots are taken")
        first = nil
        #expect(slots.inUse == 1)
        #expect(slots.acquire() != nil, "a released slot can be taken again")
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
