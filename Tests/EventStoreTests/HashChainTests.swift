import EventStore
import Events
import Foundation
import Testing

/// The chain formula `SHA-256(bytes(previousHash) ‖ canonical)`, checked against digests computed with Python's hashlib.
@Suite("HashChain formula")
struct HashChainTests {
    @Test("sha256Hex matches the standard test vectors")
    func sha256Vectors() {
        #expect(HashChain.sha256Hex("abc".utf8) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(HashChain.sha256Hex([UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test("the previous hash enters as its 32 raw bytes, not as hex text")
    func linkFormula() throws {
        let first = HashChain.hash(previous: CanonicalEvent.genesisHash, canonical: Array(#"{"n":1}"#.utf8))
        #expect(first == "29cecc91e68d3dffede939118bf4bbc6d970cf01aa0b9e6bde45692fabfdf661")
        let canonical = try JSONValue.object(["t": .string("Dư")]).canonicalBytes()
        let linked = HashChain.hash(previous: String(repeating: "ab", count: 32), canonical: canonical)
        #expect(linked == "4c1d0134fdd36d460b3b286d5c93dffe81b630e5ac4ff96d11698466e429c847")
    }

    @Test("the genesis hash is 64 zeros")
    func genesis() {
        #expect(CanonicalEvent.genesisHash == String(repeating: "0", count: 64))
    }
}
