/// Where a read of the past stops: at an instant (`asOf`), at a position (`atPosition`), or both.
/// Every read model folds the events inside the cut, so its answer is the log's answer as it stood there.
public struct ReadCut: Sendable, Hashable {
    /// Only events recorded at or before this instant.
    public var recordedUpTo: Timestamp?
    /// Only events at or below this position.
    public var upToPosition: Int64?
    /// The instant the question is about (deadlines, overdue): `asOf`, else when the event at
    /// `atPosition` was recorded; nil means now.
    public var instant: Timestamp?

    /// Creates a cut; the default is the log as it is now.
    public init(recordedUpTo: Timestamp? = nil, upToPosition: Int64? = nil, instant: Timestamp? = nil) {
        self.recordedUpTo = recordedUpTo
        self.upToPosition = upToPosition
        self.instant = instant ?? recordedUpTo
    }

    /// The whole log, now.
    public static let now = ReadCut()

    /// The log as recorded up to `instant` (or all of it when nil).
    public static func asOf(_ instant: Timestamp?) -> ReadCut { ReadCut(recordedUpTo: instant) }

    /// This cut, or, when it names no instant (a question about now), the log as recorded up to `now`:
    /// answers that judge deadlines fold exactly what existed at the instant they judge at.
    public func pinned(at now: Timestamp) -> ReadCut {
        instant == nil ? ReadCut(recordedUpTo: recordedUpTo ?? now, upToPosition: upToPosition, instant: now) : self
    }

    /// True when the cut leaves out events (a question about the past).
    public var isPast: Bool { recordedUpTo != nil || upToPosition != nil }

    /// Whether `event` falls inside the cut.
    public func contains(_ event: RecordedEvent) -> Bool {
        EventFilter(cut: self).matches(event)
    }

    /// Words to end a message with: " as recorded at …", " at position …", both, or "" for now.
    public var suffix: String {
        (recordedUpTo.map { " as recorded at \($0.rfc3339)" } ?? "") + (upToPosition.map { " at position \($0)" } ?? "")
    }
}
