import Events
import Hummingbird

extension CommandRequest {
    /// Runs the write once per idempotency key: the same key and body always get the first answer.
    ///
    /// Requests with the same key take turns (`WriterTurns.idempotency`), so a retry racing its own
    /// first attempt waits for it to commit and then replays its stored result. A request that is
    /// refused (by a decider that already sees the first attempt's events, or by a lost race) while a
    /// twin in another process committed the key meanwhile replays the twin's answer too. `replay`
    /// builds the answer to a stored result; without a key, `write` just runs.
    func once(
        store: any EventStore, replay: (AppendResult) async throws -> Response, _ write: () async throws -> Response
    ) async throws -> Response {
        guard let key = idempotency else { return try await write() }
        return try await WriterTurns.idempotency.inTurn("\(key.scope)\n\(key.key)") {
            if let stored = try await store.idempotentResult(for: key) { return try await replay(stored) }
            do {
                return try await write()
            } catch {
                if error is CancellationError { throw error }
                guard let stored = try? await store.idempotentResult(for: key) else { throw error }
                return try await replay(stored)
            }
        }
    }
}
