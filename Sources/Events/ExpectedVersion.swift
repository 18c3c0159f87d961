/// What a writer believes about a stream before appending: the basis of optimistic concurrency.
public enum ExpectedVersion: Sendable, Hashable {
    /// Append whatever the stream holds.
    case any
    /// The stream must not exist yet (version 0).
    case noStream
    /// The stream's last event must have exactly this version.
    case exact(Int64)

    /// Whether a stream currently at `version` (0 = no events) satisfies this expectation.
    public func isSatisfied(byCurrent version: Int64) -> Bool {
        switch self {
        case .any: return true
        case .noStream: return version == 0
        case .exact(let expected): return version == expected
        }
    }
}

extension ExpectedVersion: CustomStringConvertible {
    /// `any`, `noStream`, or the version number, as shown in errors.
    public var description: String {
        switch self {
        case .any: return "any"
        case .noStream: return "noStream"
        case .exact(let version): return String(version)
        }
    }
}
