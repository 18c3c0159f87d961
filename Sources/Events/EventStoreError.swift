/// Everything the event log can refuse or fail with, in the log's own terms; the API maps these to HTTP.
public enum EventStoreError: Error, Sendable, Hashable {
    /// The stream's version is not what the writer expected; nothing was written.
    case wrongExpectedVersion(stream: StreamID, expected: ExpectedVersion, actual: Int64)
    /// An event of the condition's types was recorded after the position the decision read at (at
    /// `position`); nothing was written. Deciding again on fresh state is the answer.
    case conditionFailed(AppendCondition, position: Int64)
    /// The idempotency key was used before with a different request; nothing was written.
    case idempotencyKeyReused(key: String)
    /// The request itself is invalid (no events, a bad type name, a payload with no canonical form).
    case invalidAppend(field: String, reason: String)
    /// The database failed or could not be reached; the append did not happen.
    case storageUnavailable(String)
}

extension EventStoreError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .wrongExpectedVersion(let stream, let expected, let actual):
            return "stream \(stream) is at version \(actual), expected \(expected)"
        case .conditionFailed(let condition, let position):
            let what = (condition.types + condition.streams.map(\.rawValue)).joined(separator: ", ")
            return "an event of \(what) was recorded at position \(position), after \(condition.after)"
        case .idempotencyKeyReused(let key):
            return "idempotency key '\(key)' was already used for a different request"
        case .invalidAppend(let field, let reason):
            return "invalid append (\(field)): \(reason)"
        case .storageUnavailable(let reason):
            return "event store unavailable: \(reason)"
        }
    }
}
