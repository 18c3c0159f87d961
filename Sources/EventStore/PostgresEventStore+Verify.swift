import Events
import PostgresNIO

extension PostgresEventStore {
    public func verifyChain() async throws(EventStoreError) -> ChainVerification {
        var verifier = ChainVerifier()
        var after: Int64 = 0
        while true {
            var query = StoredEventRow.columns
            query.sql += " WHERE position > $1 ORDER BY position LIMIT $2"
            query.binds.append(after, context: .default)
            query.binds.append(Int64(Self.maximumPageSize), context: .default)
            let rows = try await run(query)
            for row in rows {
                if let result = verifier.check(row) { return result }
            }
            guard rows.count == Self.maximumPageSize, let last = rows.last else { break }
            after = last.position
        }
        return verifier.finish()
    }
}

/// Walks stored rows in position order and stops at the first that breaks the chain: a gap in
/// positions, a link that does not point at the previous hash, or a hash that does not match the row.
struct ChainVerifier {
    private(set) var checked: Int64 = 0
    private var head: ChainHead?

    /// Checks the next row; returns a failed verification at the first break, nil otherwise.
    mutating func check(_ row: StoredEventRow) -> ChainVerification? {
        let expectedPosition = (head?.position ?? 0) + 1
        let previous = head?.hash ?? CanonicalEvent.genesisHash
        func failure(_ reason: String, expected: String? = nil) -> ChainVerification {
            ChainVerification(
                valid: false, checked: checked, head: head,
                firstBreak: .init(position: row.position, reason: reason, expectedHash: expected, storedHash: row.hash))
        }
        guard row.position == expectedPosition else {
            return failure("position \(expectedPosition) is missing: the log jumps from \(expectedPosition - 1) to \(row.position)")
        }
        guard row.previousHash == previous else {
            return failure("previousHash does not match the hash of position \(expectedPosition - 1)")
        }
        let canonical: [UInt8]
        do {
            canonical = try row.canonicalBytes()
        } catch {
            return failure("the stored event has no canonical form: \(error)")
        }
        let computed = HashChain.hash(previous: previous, canonical: canonical)
        guard computed == row.hash else {
            return failure("the stored hash does not match the event's content", expected: computed)
        }
        checked += 1
        head = ChainHead(position: row.position, hash: row.hash)
        return nil
    }

    /// The result when every row passed.
    func finish() -> ChainVerification {
        ChainVerification(valid: true, checked: checked, head: head)
    }
}
