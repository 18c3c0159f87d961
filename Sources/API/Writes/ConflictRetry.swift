import Events

/// Runs a write again when it lost a race that the client did not ask about.
///
/// A write without `If-Match` names no version, so a `wrongExpectedVersion` from the store is the
/// server's own race with another writer of the stream, not the client's conflict: the write is run
/// again from the top, so its decider sees the fresh state (and refuses, if what won makes the command
/// impossible). Writers of one stream in this process take turns (`WriterTurns.streams`), so they queue
/// instead of spinning; only writers in other processes can still get in first, and after each lost
/// race a short, random pause lets them finish. The attempts are bounded: a stream written faster than
/// it can be re-read still ends in `version-conflict`. With `If-Match` the first conflict on the
/// stream is the answer; a change to what else the decision read (an `AppendCondition`: the unit tree,
/// the obligations) is always decided again, since the client did not ask about it.
enum ConflictRetry {
    /// The most times one write is tried.
    static let attempts = 16

    /// Runs `write` against `stream`, again after a lost race when `ifMatch` is nil.
    static func run<T>(stream: StreamID, ifMatch: Int64?, _ write: () async throws -> T) async throws -> T {
        guard ifMatch == nil else { return try await again(onlyWhen: .conditionFailed, write) }
        return try await WriterTurns.streams.inTurn(stream.rawValue) { try await again(onlyWhen: .anyConflict, write) }
    }

    /// Which lost races are tried again: with `If-Match` the client asked about the stream's
    /// version, so only a change to what else the decision read (`conditionFailed`) is retried.
    enum Retried { case anyConflict, conditionFailed }

    private static func again<T>(onlyWhen retried: Retried, _ write: () async throws -> T) async throws -> T {
        var attempt = 1
        while true {
            do {
                return try await write()
            } catch let error as EventStoreError {
                switch error {
                case .wrongExpectedVersion where retried == .anyConflict, .conditionFailed: break
                default: throw error
                }
                guard attempt < attempts else { throw error }
                try await Task.sleep(for: .milliseconds(Int.random(in: 1...(1 << min(attempt, 5)))))
                attempt += 1
            }
        }
    }
}
