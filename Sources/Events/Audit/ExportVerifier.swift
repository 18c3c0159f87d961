/// Verifies an export line by line without a database: positions without gaps, each `previousHash`
/// equal to the hash before it, each `hash` recomputed from the line's content, and (optionally) the
/// same hash at a checkpoint's position. A pure state machine; SHA-256 is passed in.
public struct ExportVerifier: Sendable {
    /// `hash = SHA-256(bytes(previous) ‖ canonical)` in lowercase hex (the store's `HashChain.hash`).
    public typealias LinkHash = @Sendable (_ previous: String, _ canonical: [UInt8]) -> String

    private let linkHash: LinkHash
    private let checkpoint: ChainHead?
    private var line = 0
    private var checked: Int64 = 0
    private var start: ChainHead?
    private var head: ChainHead?
    private var checkpointMatched = false

    /// A verifier; with `checkpoint`, the export must hold that hash at that position.
    public init(checkpoint: ChainHead? = nil, linkHash: @escaping LinkHash) {
        self.checkpoint = checkpoint
        self.linkHash = linkHash
    }

    /// Checks the next line (without its `\n`); returns the failed verification at the first break.
    public mutating func check(_ bytes: some Collection<UInt8>) -> ExportVerification? {
        line += 1
        let parsed: ParsedExportLine
        do {
            parsed = try ParsedExportLine(bytes)
        } catch {
            return failed(position: nil, error.description)
        }
        if let head {
            if parsed.position > head.position + 1 {
                return failed(
                    position: head.position + 1,
                    "position \(head.position + 1) is missing: the export jumps from \(head.position) to \(parsed.position)")
            }
            if parsed.position <= head.position {
                return failed(
                    position: parsed.position,
                    "position \(parsed.position) comes after position \(head.position): lines are out of order or repeated")
            }
            if parsed.previousHash != head.hash {
                return failed(position: parsed.position, "previousHash does not equal the hash of position \(head.position)")
            }
        } else {
            if parsed.position == 1, parsed.previousHash != CanonicalEvent.genesisHash {
                return failed(position: 1, "position 1 must follow the genesis hash (64 zeros)")
            }
            start = ChainHead(position: parsed.position, hash: parsed.previousHash)
        }
        let computed = linkHash(parsed.previousHash, parsed.canonical)
        guard computed == parsed.hash else {
            return failed(position: parsed.position, "the hash does not match the line's content (computed \(computed))")
        }
        if let checkpoint, checkpoint.position == parsed.position {
            guard checkpoint.hash == parsed.hash else {
                return failed(
                    position: parsed.position,
                    "the checkpoint has hash \(checkpoint.hash) at position \(checkpoint.position), the export has \(parsed.hash): the log was rewritten"
                )
            }
            checkpointMatched = true
        }
        checked += 1
        head = ChainHead(position: parsed.position, hash: parsed.hash)
        return nil
    }

    /// The verdict after the last line: valid unless a checkpoint was given that the export does not reach.
    public func finish() -> ExportVerification {
        var result = ExportVerification(valid: true, checked: checked, start: start, head: head)
        guard let checkpoint else { return result }
        // An export that starts right after the checkpoint holds it as its first `previousHash`
        // (so a checkpoint of the empty log, position 0 and 64 zeros, is held by any export from the genesis).
        let linksToCheckpoint =
            start.map { $0.position == checkpoint.position + 1 && $0.hash == checkpoint.hash }
            ?? (checkpoint.position == 0)
        result.checkpointMatched = checkpointMatched || linksToCheckpoint
        if result.checkpointMatched == true { return result }
        let reason: String
        if let start, checkpoint.position < start.position {
            reason =
                "the export starts at position \(start.position), after the checkpoint's position \(checkpoint.position): export from \(max(checkpoint.position, 1)) or earlier"
        } else {
            reason =
                "the export ends at position \(head?.position ?? 0), before the checkpoint's position \(checkpoint.position): the log was truncated"
        }
        result.valid = false
        result.failure = .init(line: line, position: checkpoint.position, reason: reason)
        return result
    }

    private func failed(position: Int64?, _ reason: String) -> ExportVerification {
        ExportVerification(
            valid: false, checked: checked, start: start, head: head,
            checkpointMatched: checkpoint == nil ? nil : checkpointMatched,
            failure: .init(line: line, position: position, reason: reason))
    }
}
