import Events
import Foundation
import Testing

@testable import EventStore

/// The worked example in docs/hash-chain.md (computed there with Python's json and hashlib) is
/// what this code produces, byte for byte.
@Suite struct HashChainWorkedExampleTests {
    static let actor = JSONValue.object([
        "tokenId": .string("4f1c2b9a-8d3e-4a6f-b5c7-1e2d3f4a5b6c"), "role": .string("admin"),
    ])

    @Test func firstTwoEventsMatchTheDocument() throws {
        let recordedAt = try #require(Timestamp(rfc3339: "2026-11-24T05:06:07.123456Z"))
        let stream = try #require(StreamID("unit-dong-ha"))
        let first = try CanonicalEvent.bytes(
            position: 1, id: try #require(UUID(uuidString: "0b6f8e2c-3d1a-4c57-9e0f-5a2b7c9d1e34")), streamId: stream,
            streamVersion: 1, type: "UnitRegistered", schemaVersion: 1,
            data: .object(["name": .string("UBND huyện Đông Hà"), "kind": .string("district"), "parentId": .null]),
            metadata: .object(["actor": Self.actor, "correlationId": .string("9A7B6C5D-4E3F-4A1B-8C9D-0E1F2A3B4C5D")]),
            recordedAt: recordedAt)
        #expect(first.count == 410)
        #expect(
            Array(first.prefix(16)) == [0x7b, 0x22, 0x64, 0x61, 0x74, 0x61, 0x22, 0x3a, 0x7b, 0x22, 0x6b, 0x69, 0x6e, 0x64, 0x22, 0x3a])
        let firstHash = HashChain.hash(previous: CanonicalEvent.genesisHash, canonical: first)
        #expect(firstHash == "48ea0dc4d83402578daf6a8bfaee31a476c62029c9626674d5f75d79aa5b3e11")

        let second = try CanonicalEvent.bytes(
            position: 2, id: try #require(UUID(uuidString: "7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f")), streamId: stream,
            streamVersion: 2, type: "UnitRenamed", schemaVersion: 1,
            data: .object(["newName": .string("UBND thị xã Đông Hà"), "reason": .string("Nghị quyết 1234/NQ-UBTVQH15")]),
            metadata: .object(["actor": Self.actor]), recordedAt: recordedAt)
        #expect(second.count == 366)
        #expect(
            HashChain.hash(previous: firstHash, canonical: second)
                == "a8bc6b5e92eff75ae9feb33397f5688f5f6f3f8e543ea58663404254b660504c")
    }
}
