/// A press outlet's formal request that starts a legal clock: an answer asked by the outlet's head
/// (Press Law 2016 Art. 39) or a citizen's petition forwarded by the press.
public struct PressRequest: Sendable, Hashable, Codable {
    /// The two kinds of request.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// The outlet's head asks the agency to answer in the press.
        case answerRequest
        /// The outlet forwards a petition and must be told the measures taken.
        case petitionForwarded
    }

    /// Which request it is.
    public var kind: Kind
    /// When the request reached the unit: the clock starts here.
    public var receivedAt: Timestamp

    /// Creates a press request.
    public init(kind: Kind, receivedAt: Timestamp) {
        self.kind = kind
        self.receivedAt = receivedAt
    }
}
