import Events
import NIOCore
import PostgresNIO

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
    /// How often a running piece of work looks whether its connection has closed.
    static let closeCheckInterval = Duration.milliseconds(50)

    /// Runs `work` on `connection`, answering with its result, `BoundFailure.connectionLost` when the
    /// connection closes first, or `BoundFailure.transactionTimedOut` past `limit`.
    package static func run<T: Sendable>(
        on connection: PostgresConnection, within limit: Duration,
        _ work: @escaping @Sendable (PostgresConnection) async throws -> T
    ) async throws -> T {
        let answer = FirstOutcome<T>()
        // A cancelled caller is not answered early: the work is left to finish (within the limit),
        // since closing the connection under it would race the pool's reuse of that connection.
        return try await withCheckedThrowingContinuation { continuation in
            answer.await(continuation)
            let worker = Task {
                do {
                    answer.resume(.success(try await work(connection)))
                } catch {
                    answer.resume(.failure(error))
                }
            }
            // The connection's close is watched by looking, not by a callback on its `closeFuture`:
            // callbacks there cannot be removed, so one per query would pile up on a pooled
            // connection for as long as it lives.
            let timer = Task {
                let deadline = ContinuousClock.now + limit
                while ContinuousClock.now < deadline {
                    let pause = min(Self.closeCheckInterval, deadline - ContinuousClock.now)
                    guard (try? await Task.sleep(for: pause)) != nil else { return }
                    if connection.isClosed {
                        answer.resume(.failure(BoundFailure.connectionLost))
                        return
                    }
                }
                // Closed before answering, so the pool never lends it with the work still open on it.
                try? await connection.close()
                answer.resume(.failure(BoundFailure.transactionTimedOut(limit)))
            }
            if connection.isClosed { answer.resume(.failure(BoundFailure.connectionLost)) }
            answer.onResume {
                worker.cancel()
                timer.cancel()
            }
        }
    }
}
