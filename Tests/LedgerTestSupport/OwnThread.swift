import Foundation

/// Runs blocking work (waiting for a child process, reading a socket) on a thread of its own. Swift's
/// cooperative pool has as many threads as cores — two here — so a test that blocks one of them can
/// starve the very tasks it waits for, and the whole test run stops.
public func onOwnThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try work() }) }.start()
    }
}
