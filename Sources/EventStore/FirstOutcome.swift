import Synchronization

/// The first of several racing outcomes (work ending, a connection closing, a time limit, the
/// database going away): it resumes one waiting continuation exactly once, then runs the cleanup
/// that stops the losers. Later outcomes are ignored.
package final class FirstOutcome<T: Sendable>: Sendable {
    private struct State {
        var continuation: CheckedContinuation<T, any Error>?
        var cleanup: (@Sendable () -> Void)?
        var resumed = false
    }
    private let state = Mutex(State())

    package init() {}

    /// Sets the continuation to resume; call it first, inside `withCheckedThrowingContinuation`.
    package func await(_ continuation: CheckedContinuation<T, any Error>) {
        state.withLock { $0.continuation = continuation }
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
        let (continuation, cleanup) = state.withLock { state -> (CheckedContinuation<T, any Error>?, (@Sendable () -> Void)?) in
            guard !state.resumed else { return (nil, nil) }
            state.resumed = true
            defer {
                state.continuation = nil
                state.cleanup = nil
            }
            return (state.continuation, state.cleanup)
        }
        guard let continuation else { return false }
        continuation.resume(with: result)
        cleanup?()
        return true
    }
}
