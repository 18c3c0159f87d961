import EventStore
import Events
import Foundation
import LedgerTestSupport
import Testing

/// The offline verifier over export lines made from a real log: it accepts an intact export (also one
/// that starts after position 1) and names the first line of a changed, missing or reordered one, and
/// a log truncated or rewritten behind an earlier checkpoint.
@Suite struct ExportVerifierTests {
    /// Six events in two streams, one with non-ASCII text, exported as lines (without `\n`).
    static func exportLines() async throws -> [[UInt8]] {
        try await TestDatabase.with { database in
            let store = database.store()
            for n in 1...6 {
                let data: JSONValue = .object(["n": .integer(Int64(n)), "note": .string("Ý kiến \(n) / \"quoted\"")])
                _ = try await store.append(
                    Fixtures.request(
                        Fixtures.stream(n % 2 == 0 ? "unit-a" : "duty:o:u:2026-11"), .any, [NewEvent(type: "Noted", data: data)]))
            }
            return try await Fixtures.allEvents(store).map { Array(try ExportLine.bytes(of: $0).dropLast()) }
        }
    }

    static func verify(_ lines: [[UInt8]], checkpoint: ChainHead? = nil) -> ExportVerification {
        var verifier = ExportVerifier(checkpoint: checkpoint, linkHash: HashChain.hash)
        for line in lines {
            if let failure = verifier.check(line) { return failure }
        }
        return verifier.finish()
    }

    static func head(_ line: [UInt8]) throws -> ChainHead {
        let parsed = try ParsedExportLine(line)
        return ChainHead(position: parsed.position, hash: parsed.hash)
    }

    @Test func anIntactExportVerifiesFromTheGenesis() async throws {
        let lines = try await Self.exportLines()
        let result = Self.verify(lines)
        #expect(result.valid)
        #expect(result.checked == 6)
        #expect(result.startsAtGenesis)
        #expect(result.head == (try Self.head(lines[5])))
    }

    @Test func anExportStartingLaterVerifiesFromItsFirstPreviousHash() async throws {
        let lines = try await Self.exportLines()
        let result = Self.verify(Array(lines[2...]))
        #expect(result.valid)
        #expect(result.checked == 4)
        #expect(!result.startsAtGenesis)
        #expect(result.start?.position == 3)
        #expect(result.start?.hash == (try Self.head(lines[1])).hash)
    }

    @Test func aChangedByteIsCaughtAtItsLine() async throws {
        var lines = try await Self.exportLines()
        let index = try #require(lines[3].firstIndex(of: UInt8(ascii: "4")))
        lines[3][index] = UInt8(ascii: "5")  // "Ý kiến 4" becomes "Ý kiến 5": still valid JSON
        let result = Self.verify(lines)
        #expect(!result.valid)
        #expect(result.failure?.line == 4)
        #expect(result.failure?.position == 4)
        #expect(result.failure?.reason.contains("hash does not match") == true)
        #expect(result.checked == 3)
    }

    @Test func aMissingLineIsCaught() async throws {
        var lines = try await Self.exportLines()
        lines.remove(at: 2)
        let result = Self.verify(lines)
        #expect(!result.valid)
        #expect(result.failure?.line == 3)
        #expect(result.failure?.reason.contains("position 3 is missing") == true)
    }

    @Test func reorderedLinesAreCaught() async throws {
        var lines = try await Self.exportLines()
        lines.swapAt(3, 4)
        let result = Self.verify(lines)
        #expect(!result.valid)
        #expect(result.failure?.line == 4)
        #expect(result.checked == 3)
    }

    @Test func aLineThatIsNotJSONIsNamed() async throws {
        var lines = try await Self.exportLines()
        lines[1] = Array("{\"position\":".utf8)
        let result = Self.verify(lines)
        #expect(!result.valid)
        #expect(result.failure?.line == 2)
    }

    @Test func aTruncatedLogFailsAgainstAnEarlierCheckpoint() async throws {
        let lines = try await Self.exportLines()
        let checkpoint = try Self.head(lines[4])
        #expect(Self.verify(lines, checkpoint: checkpoint).valid)
        #expect(Self.verify(lines, checkpoint: checkpoint).checkpointMatched == true)
        let truncated = Self.verify(Array(lines[..<4]), checkpoint: checkpoint)
        #expect(Self.verify(Array(lines[..<4])).valid, "without the checkpoint, a truncated log still chains")
        #expect(!truncated.valid)
        #expect(truncated.checkpointMatched == false)
        #expect(truncated.failure?.reason.contains("truncated") == true)
    }

    @Test func aRewrittenLogWithFreshHashesFailsAgainstTheCheckpoint() async throws {
        let lines = try await Self.exportLines()
        let checkpoint = try Self.head(lines[5])
        // Rewrite position 2's payload and recompute every hash after it: the chain is consistent again.
        var rewritten: [[UInt8]] = [lines[0]]
        var previous = try Self.head(lines[0]).hash
        for (index, line) in lines.enumerated().dropFirst() {
            guard case .object(var members) = try JSONValue.parse(line) else { Issue.record("not an object"); return }
            if index == 1 { members["data"] = .object(["n": .integer(99)]) }
            members["previousHash"] = .string(previous)
            let parsed = try ParsedExportLine(try JSONValue.object(members).canonicalBytes())
            previous = HashChain.hash(previous: previous, canonical: parsed.canonical)
            members["hash"] = .string(previous)
            rewritten.append(try JSONValue.object(members).canonicalBytes())
        }
        #expect(Self.verify(rewritten).valid, "a rewritten log with fresh hashes chains by itself")
        let result = Self.verify(rewritten, checkpoint: checkpoint)
        #expect(!result.valid)
        #expect(result.failure?.position == 6)
        #expect(result.failure?.reason.contains("rewritten") == true)
    }
}

extension ExportVerifierTests {
    @Test func anExportStartingRightAfterTheCheckpointHoldsItAsItsFirstPreviousHash() async throws {
        let lines = try await Self.exportLines()
        let checkpoint = try Self.head(lines[2])
        #expect(Self.verify(Array(lines[3...]), checkpoint: checkpoint).checkpointMatched == true)
        let later = Self.verify(Array(lines[4...]), checkpoint: checkpoint)
        #expect(!later.valid)
        #expect(later.failure?.reason.contains("starts at position 5") == true)
        let genesis = ChainHead(position: 0, hash: CanonicalEvent.genesisHash)
        #expect(Self.verify(lines, checkpoint: genesis).valid)
        #expect(!Self.verify(Array(lines[1...]), checkpoint: genesis).valid)
    }
}

/// Only the canonical bytes of a line are accepted (issue 10, item 2): JSON readers disagree on which
/// of two duplicate keys they keep, so any other spelling could show content the hash never covered.
extension ExportVerifierTests {
    @Test func aForgedDuplicateDataKeyIsRefusedEvenAgainstTheHeadCheckpoint() async throws {
        var lines = try await Self.exportLines()
        let checkpoint = try Self.head(lines[5])
        var forged = lines[2]
        forged.removeLast()  // the closing brace: the forged copy of `data` comes last, as jq and jsonb read it
        forged += Array(#","data":{"n":99,"note":"forged"}}"#.utf8)
        lines[2] = forged
        let result = Self.verify(lines, checkpoint: checkpoint)
        #expect(!result.valid)
        #expect(result.failure?.line == 3)
        #expect(result.failure?.reason.contains("not the canonical serialisation") == true)
        #expect(result.checked == 2)
    }

    @Test func everyOtherSpellingOfALineIsRefusedAtItsLine() async throws {
        let lines = try await Self.exportLines()
        let checkpoint = try Self.head(lines[5])
        #expect(Self.verify(lines, checkpoint: checkpoint).valid)
        let mutations = try ExportLineMutations.all(of: lines[2])
        #expect(mutations.count > 400)
        for mutation in mutations {
            var changed = lines
            changed[2] = mutation.bytes
            let result = Self.verify(changed, checkpoint: checkpoint)
            #expect(!result.valid, "\(mutation.name) was accepted")
            #expect(result.failure?.line == 3, "\(mutation.name): \(result.failure?.reason ?? "")")
        }
    }

    @Test func spellingsOutsideStringsAreRefusedAsNonCanonicalNotByTheHash() async throws {
        let lines = try await Self.exportLines()
        let line = lines[2]
        let crlf = Self.verify([lines[0], lines[1], line + [0x0D]])
        #expect(crlf.failure?.reason.contains("CRLF") == true)
        let spaced = Self.verify([lines[0], lines[1], [0x20] + line])
        #expect(spaced.failure?.reason.contains("at byte 1 it has byte 0x20 where the canonical form has '{'") == true)
        var extra = line
        extra.removeLast()
        extra += Array(#","zzz":1}"#.utf8)
        #expect(Self.verify([lines[0], lines[1], extra]).failure?.reason == "the line has a member 'zzz' that export lines do not have")
    }
}
