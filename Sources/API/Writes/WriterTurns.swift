/// Turns for writers that must not overlap within this process: one writer per key at a time, the
/// others waiting in arrival order.
///
/// Two sets of turns exist: one per idempotency key, so that a retry racing its own first attempt
/// waits for that attempt and replays its answer, and one per stream, so that writers of one stream
/// that sent no `If-Match` queue instead of losing the optimistic-concurrency race to each other.
/// Turns are never nested within one set, and an idempotency turn is always taken before a stream
/// turn, so no two writers can wait for each other.
actor WriterTurns {
    /// The turns of requests that carry an `Idempotency-Key` (keyed by scope and key).
    static let idempotency = WriterTurns()
    /// The turns of writers of one stream that sent no `If-Match` (keyed by stream id).
    static let streams = WriterTurns()

    /// Writers waiting per key; a key is present while one holds the turn.
    private var queues: [String: [CheckedContinuation<Void, Never>]] = [:]

    /// Waits until `key` is free and takes it.
    func enter(_ key: String) async {
        guard queues[key] != nil else {
            queues[key] = []
            return
        }
        await withCheckedContinuation { queues[key, default: []].append($0) }
    }

    /// Hands `key` to the next writer waiting for it, or frees it.
    func leave(_ key: String) {
        guard var waiting = queues[key] else { return }
        if waiting.isEmpty {
            queues[key] = nil
        } else {
            let next = waiting.removeFirst()
            queues[key] = waiting
            next.resume()
        }
    }

    /// How many keys are held now (for tests: every turn is given back).
    var heldKeys: Int { queues.count }

    /// Runs `body` holding `key`'s turn, giving it back however `body` ends.
    nonisolated func inTurn<T>(_ key: String, _ body: () async throws -> T) async throws -> T {
        await enter(key)
        do {
            let value = try await body()
            await leave(key)
            return value
        } catch {
            await leave(key)
            throw error
        }
    }
}
