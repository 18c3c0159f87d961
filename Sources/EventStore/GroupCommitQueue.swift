import Events

/// Collects appends that arrive while a commit is in flight and hands them to the writer as one
/// batch, so concurrent writers share one lock, one hash walk and one COMMIT. Each caller still gets
/// its own answer. With one writer at a time, every batch holds one request.
///
/// The writer must finish every batch within a bound (`BatchWriter` does: see `CommitBounds`), since
/// everything queued waits for the batch in flight. When a batch's outcome says the database cannot
/// be reached (`sheds`), the appends queued behind it fail with that outcome at once instead of
/// each waiting out the same bound again.
actor GroupCommitQueue {
    typealias Outcome = Result<AppendResult, EventStoreError>
    typealias Writer = @Sendable ([PreparedAppend]) async -> [Outcome]

    private struct Pending {
        let append: PreparedAppend
        let continuation: CheckedContinuation<Outcome, Never>
    }

    private let write: Writer
    private let sheds: @Sendable ([Outcome]) -> Outcome?
    private let maximumBatch: Int
    private var pending: [Pending] = []
    private var draining = false

    /// Creates a queue that commits through `write`, at most `maximumBatch` requests at a time;
    /// `sheds` names the outcome to give everything queued when a batch shows the database unreachable.
    init(maximumBatch: Int = 256, sheds: @escaping @Sendable ([Outcome]) -> Outcome? = { _ in nil }, write: @escaping Writer) {
        self.maximumBatch = maximumBatch
        self.sheds = sheds
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
            if let shed = sheds(outcomes) {
                let queued = pending
                pending.removeAll()
                for entry in queued { entry.continuation.resume(returning: shed) }
            }
        }
        draining = false
    }
}
