/// The result of comparing a projection's live tables with a fresh replay at one position.
public struct ProjectionCheckReport: Sendable, Hashable, Codable {
    /// One row that differs, named by its key (the primary key's columns as JSON).
    public struct Difference: Sendable, Hashable, Codable {
        /// How the live row differs from the replayed one.
        public enum Kind: String, Sendable, Hashable, Codable {
            /// In the replay, not in the live table.
            case missing
            /// In the live table, not in the replay.
            case extra
            /// In both, with different values.
            case changed
        }

        public var table: String
        public var kind: Kind
        public var key: String
    }

    /// The projection's name.
    public var name: String
    /// The position both sides were compared at.
    public var position: Int64
    /// SHA-256 (hex) over the live rows, table by table, in key order.
    public var liveDigest: String
    /// The same digest over the replayed rows.
    public var replayDigest: String
    /// Differing rows (at most `ProjectionComparison.reportLimit` per table).
    public var differences: [Difference]
    /// How many rows differ in all, including those not listed.
    public var differenceCount: Int

    /// Whether the live projection matches the replay.
    public var matches: Bool { differenceCount == 0 && liveDigest == replayDigest }
}
