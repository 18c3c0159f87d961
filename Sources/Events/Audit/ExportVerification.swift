/// The result of verifying an export file offline.
public struct ExportVerification: Sendable, Hashable, Codable {
    /// Where and why the export first fails.
    public struct Failure: Sendable, Hashable, Codable {
        /// The 1-based line number in the file.
        public var line: Int
        /// The position the line holds (or should hold), when known.
        public var position: Int64?
        /// What did not match.
        public var reason: String
    }

    /// True when every line links and hashes correctly (and the checkpoint, if any, matches).
    public var valid: Bool
    /// How many lines were verified.
    public var checked: Int64
    /// The first line's position and the `previousHash` the walk started from.
    public var start: ChainHead?
    /// The last verified event.
    public var head: ChainHead?
    /// True when a checkpoint was given and the export holds the same hash at its position.
    public var checkpointMatched: Bool?
    /// The first failure, when not valid.
    public var failure: Failure?

    /// Whether the export begins at position 1 (from the 64-zero genesis hash).
    public var startsAtGenesis: Bool { start.map { $0.position == 1 } ?? true }
}
