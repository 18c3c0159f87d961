/// How one kind of stream is folded into its state, for `GET /v1/streams/{id}/state?version=`.
/// Kinds are found by stream-name prefix; a new capability (incidents) adds its own fold.
public struct StreamStateFold: Sendable {
    /// The kind's name as the API shows it (`unit`, `obligation`, `reporting-duty`).
    public var kind: String
    /// The stream-name prefix that identifies the kind (`unit-`, `obligation-`, `duty:`).
    public var prefix: String
    /// Folds a stream's events, in version order, into the state as JSON.
    public var fold: @Sendable ([RecordedEvent]) throws -> JSONValue

    /// Creates a fold for one stream kind.
    public init(kind: String, prefix: String, fold: @escaping @Sendable ([RecordedEvent]) throws -> JSONValue) {
        self.kind = kind
        self.prefix = prefix
        self.fold = fold
    }
}

/// The registry of stream kinds whose state can be shown, keyed by prefix.
public struct StreamStateFolds: Sendable {
    /// The registered folds.
    public private(set) var folds: [StreamStateFold]

    /// A registry of the given folds.
    public init(_ folds: [StreamStateFold]) {
        self.folds = folds
    }

    /// Adds (or replaces, by prefix) a fold: the extension point for new stream kinds.
    public mutating func register(_ fold: StreamStateFold) {
        folds.removeAll { $0.prefix == fold.prefix }
        folds.append(fold)
    }

    /// The fold for a stream, chosen by the longest matching prefix; nil for an unknown kind.
    public func fold(for stream: StreamID) -> StreamStateFold? {
        folds.filter { stream.rawValue.hasPrefix($0.prefix) }.max { $0.prefix.count < $1.prefix.count }
    }

    /// Units, obligations and reporting duties.
    public static let standard = StreamStateFolds([.unit, .obligation, .reportingDuty])
}
