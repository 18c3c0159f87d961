import Synchronization

/// The first of several racing outcomes (work ending, a connection closing, a time limit, the
/// database going away): it resumes one waiting continuation exactly once, then runs the cleanup
/// that stops the losers. Later outcomes are ignored.
package final class FirstOutcome<T: Sendable>: Sendable {
    private struct State {
        var continuation: CheckedContinuation<T, any Error>?
        var cleanup: (@Sendable () -> Void)?
        /// The winning outcome when it came before the continuation was set.
        var early: Result<T, any Error>?
        var resumed = false
    }
    private let state = Mutex(State())

    package init() {}

    /// Sets the continuation to resume; call it first, inside `withCheckedThrowingContinuation`.
    /// If an outcome was already offered, the continuation is resumed with it at once.
    package func await(_ continuation: CheckedContinuation<T, any Error>) {
        let early = state.withLock { state -> Result<T, any Error>? in
            guard let early = state.early else {
                state.continuation = continuation
                return nil
            }
            state.early = nil
            return early
        }
        if let early { continuation.resume(with: early) }
    }

    /// Runs `cleanup` once the race is decided (at once if it already is).
    package func onResume(_ cleanup: @escaping @Sendable () -> Void) {
        let runNow = state.withLock { state -> Bool in
            if state.resumed { return true }
            state.cleanup = cleanup
            return false
        }
        if runNow { cleanup() }
    }

    /// Offers an outcome; only the first one offered is kept. Returns whether this one was.
    @discardableResult
    package func resume(_ result: Result<T, any Error>) -> Bool {
        let decided = state.withLock { state -> (CheckedContinuation<T, any Error>?, (@Sendable () -> Void)?)? in
            guard !state.resumed else { return nil }
            state.resumed = true
            defer {
                state.continuation = nil
                state.cleanup = nil
            }
            if state.continuation == nil { state.early = result }
            return (state.continuation, state.cleanup)
        }
        guard let (continuation, cleanup) = decided else { return false }
        continuation?.resume(with: result)
        cleanup?()
        return true
    }

    /// Runs each contender in a task of its own and answers with the first to finish (a value or a
    /// thrown error); the others are cancelled and left to end on their own, so a contender that
    /// ignores cancellation (a query on a connection that will never answer) cannot hold the caller.
    /// Cancelling the caller answers `CancellationError` at once.
    package static func race(_ contenders: [@Sendable () async throws -> T]) async throws -> T {
        let answer = FirstOutcome<T>()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                answer.await(continuation)
                let tasks = contenders.map { contender in
                    Task {
                        do {
                            answer.resume(.success(try await contender()))
                        } catch {
                            answer.resume(.failure(error))
                        }
                    }
                }
                answer.onResume { tasks.forEach { $0.cancel() } }
            }
        } onCancel: {
            answer.resume(.failure(CancellationError()))
        }
    }

    /// `work`'s value if it ends within `limit`, else `fallback` (also when it throws); `work` is
    /// left to end on its own.
    package static func value(
        within limit: Duration, orElse fallback: T, _ work: @escaping @Sendable () async throws -> T
    ) async -> T {
        let answer = try? await race([
            work,
            {
                try await Task.sleep(for: limit)
                return fallback
            },
        ])
        return answer ?? fallback
    }
}
