import Events

/// Collects appends that arrive while a commit is in flight and hands them to the writer as one
/// batch, so concurrent writers share one lock, one hash walk and one COMMIT. Each caller still gets
/// its own answer. With one writer at a time, every batch holds one request.
actor GroupCommitQueue {
    typealias Outcome = Result<AppendResult, EventStoreError>
    typealias Writer = @Sendable ([PreparedAppend]) async -> [Outcome]

    private struct Pending {
        let append: PreparedAppend
        let continuation: CheckedContinuation<Outcome, Never>
    }

    private let write: Writer
    private let maximumBatch: Int
    private var pending: [Pending] = []
    private var draining = false

    /// Creates a queue that commits through `write`, at most `maximumBatch` requests at a time.
    init(maximumBatch: Int = 256, write: @escaping Writer) {
        self.maximumBatch = maximumBatch
        self.write = write
    }

    /// Queues one append and waits for its own outcome.
    func submit(_ append: PreparedAppend) async -> Outcome {
        await withCheckedContinuation { continuation in
            pending.append(Pending(append: append, continuation: continuation))
            if !draining {
                draining = true
                Task { await self.drain() }
            }
        }
    }

    private func drain() async {
        while !pending.isEmpty {
            let batch = Array(pending.prefix(maximumBatch))
            pending.removeFirst(batch.count)
            let outcomes = await write(batch.map(\.append))
            for (entry, outcome) in zip(batch, outcomes) {
                entry.continuation.resume(returning: outcome)
            }
        }
        draining = false
    }
}
