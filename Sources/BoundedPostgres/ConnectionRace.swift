import Events
import NIOCore
import PostgresNIO
import Synchronization

/// Runs work on one PostgreSQL connection and answers as soon as the first of three things happens:
/// the work ends, the connection closes, or the time limit passes.
///
/// A query written to a connection whose channel has just been torn down (the server restarted,
/// `pg_ctl restart -m immediate`) is dropped by the channel pipeline without completing, so awaiting
/// it would wait forever; PostgresNIO's own `withTransaction` sends `ROLLBACK` on exactly such a
/// connection. The race turns that into a prompt `BoundFailure.connectionLost`. Work still running
/// when the race is decided is cancelled and left to end on its own; on a time-out the connection is
/// closed first, so nobody else is ever lent a connection with an open transaction.
package enum ConnectionRace {
    /// Runs `work` on `connection`, answering with its result, `BoundFailure.connectionLost` when the
    /// connection closes first, or `BoundFailure.transactionTimedOut` past `limit`.
    package static func run<T: Sendable>(
        on connection: PostgresConnection, within limit: Duration,
        _ work: @escaping @Sendable (PostgresConnection) async throws -> T
    ) async throws -> T {
        let answer = FirstOutcome<T>()
        let timedOut = TimeOutMark()
        /// Closes the connection (so the pool never lends it with work still open on it), then answers.
        @Sendable func abandon(with error: any Error) async {
            timedOut.flag.store(true, ordering: .sequentiallyConsistent)
            try? await connection.close()
            answer.resume(.failure(error))
        }
        // A cancelled caller is not answered early: the work is left to finish (within the limit),
        // since closing the connection under it would race the pool's reuse of that connection.
        return try await race(answer, connection, limit, work, abandon: abandon, timedOut: timedOut)
    }

    private static func race<T: Sendable>(
        _ answer: FirstOutcome<T>, _ connection: PostgresConnection, _ limit: Duration,
        _ work: @escaping @Sendable (PostgresConnection) async throws -> T,
        abandon: @escaping @Sendable (any Error) async -> Void, timedOut: TimeOutMark
    ) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            answer.await(continuation)
            let worker = Task {
                do {
                    answer.resume(.success(try await work(connection)))
                } catch {
                    answer.resume(.failure(error))
                }
            }
            let timer = Task {
                guard (try? await Task.sleep(for: limit)) != nil else { return }
                // Marked before the close, so the caller hears "timed out", not "connection lost".
                await abandon(BoundFailure.transactionTimedOut(limit))
            }
            connection.closeFuture.whenComplete { _ in
                guard !timedOut.flag.load(ordering: .sequentiallyConsistent) else { return }
                answer.resume(.failure(BoundFailure.connectionLost))
            }
            answer.onResume {
                worker.cancel()
                timer.cancel()
            }
        }
    }
}

/// Set before the race closes the connection itself, so that close is not taken for a loss.
private final class TimeOutMark: Sendable {
    let flag = Atomic(false)
}
