import Events
import Foundation
import Testing

@testable import EventStore

/// `ChainVerifier` over rows built by the planner: a clean chain passes; gaps, broken links and edits are found.
@Suite("ChainVerifier")
struct ChainVerifierTests {
    /// Five planned events on two streams, as the rows the database would hand back.
    private func chain() throws -> [StoredEventRow] {
        var planner = AppendPlanner(
            head: .empty, versions: [:], keys: [:], now: Timestamp(microsecondsSinceEpoch: 1_700_000_000_123_456))
        for (stream, n) in [("a", 1), ("b", 2), ("a", 3), ("a", 4), ("b", 5)] {
            let request = try Fixtures.request(Fixtures.stream(stream), .any, [Fixtures.event(n: Int64(n))])
            _ = try planner.plan(PreparedAppend(request)).get()
        }
        return try planner.eventRows.map { row in
            let recordedAt = try #require(Timestamp(rfc3339: row.recordedAt))
            return try StoredEventRow(
                (
                    row.position, row.id, row.streamId, row.streamVersion, row.type, row.schemaVersion, row.data,
                    row.metadata, recordedAt.microsecondsSinceEpoch, row.previousHash, row.hash
                ))
        }
    }

    private func verify(_ rows: [StoredEventRow]) -> ChainVerification {
        var verifier = ChainVerifier()
        for row in rows {
            if let failure = verifier.check(row) { return failure }
        }
        return verifier.finish()
    }

    @Test("an untouched chain is valid and reports its head")
    func valid() throws {
        let rows = try chain()
        let result = verify(rows)
        #expect(result.valid)
        #expect(result.checked == 5)
        #expect(result.head == ChainHead(position: 5, hash: rows[4].hash))
        #expect(result.firstBreak == nil)
    }

    @Test("an empty log is a valid chain of nothing")
    func empty() {
        let result = verify([])
        #expect(result.valid)
        #expect(result.checked == 0)
        #expect(result.head == nil)
    }

    @Test("an edited payload breaks the chain at that position")
    func editedPayload() throws {
        var rows = try chain()
        rows[2].data = .object(["n": .integer(999)])
        let result = verify(rows)
        #expect(!result.valid)
        #expect(result.checked == 2)
        #expect(result.firstBreak?.position == 3)
        #expect(result.firstBreak?.storedHash == rows[2].hash)
        #expect(result.firstBreak?.expectedHash != nil && result.firstBreak?.expectedHash != rows[2].hash)
        #expect(result.head?.position == 2)
    }

    @Test("an edited envelope field breaks the chain at that position", arguments: 0..<4)
    func editedEnvelope(_ field: Int) throws {
        var rows = try chain()
        switch field {
        case 0: rows[3].type = "Forged"
        case 1: rows[3].streamVersion += 1
        case 2: rows[3].recordedAt.microsecondsSinceEpoch += 1
        default: rows[3].metadata = .object(["actor": .object(["tokenId": .string("someone-else"), "role": .string("admin")])])
        }
        #expect(verify(rows).firstBreak?.position == 4)
    }

    @Test("a missing row is reported where the gap starts")
    func gap() throws {
        var rows = try chain()
        rows.remove(at: 1)
        let result = verify(rows)
        #expect(!result.valid)
        #expect(result.firstBreak?.position == 3)
        #expect(result.checked == 1)
    }

    @Test("a rehashed row whose successor still links to the old hash is found at the successor")
    func brokenLink() throws {
        var rows = try chain()
        // A forger edits row 2 and recomputes its hash; row 3 still points at the original.
        rows[1].data = .object(["n": .integer(-2)])
        rows[1].hash = HashChain.hash(previous: rows[1].previousHash, canonical: try rows[1].canonicalBytes())
        let result = verify(rows)
        #expect(result.firstBreak?.position == 3)
        #expect(result.checked == 2)
    }

    @Test("a stored previousHash that does not name the previous event is found, even if the row's own hash is intact")
    func forgedLinkColumn() throws {
        var rows = try chain()
        rows[3].previousHash = String(repeating: "f", count: 64)
        let result = verify(rows)
        #expect(!result.valid)
        #expect(result.firstBreak?.position == 4)
        #expect(result.checked == 3)
    }
}
