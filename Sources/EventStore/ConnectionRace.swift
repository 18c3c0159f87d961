import NIOCore
import PostgresNIO
import Synchronization

/// Runs work on one PostgreSQL connection and answers as soon as the first of three things happens:
/// the work ends, the connection closes, or the time limit passes.
///
/// A query written to a connection whose channel has just been torn down (the server restarted,
/// `pg_ctl restart -m immediate`) is dropped by the channel pipeline without completing, so awaiting
/// it would wait forever; PostgresNIO's own `withTransaction` sends `ROLLBACK` on exactly such a
/// connection. The race turns that into a prompt `StorageFailure.connectionLost`. Work still running
/// when the race is decided is cancelled and left to end on its own; on a time-out the connection is
/// closed first, so nobody else is ever lent a connection with an open transaction.
enum ConnectionRace {
    static func run<T: Sendable>(
        on connection: PostgresConnection, within limit: Duration,
        _ work: @escaping @Sendable (PostgresConnection) async throws -> T
    ) async throws -> T {
        let answer = FirstOutcome<T>()
        return try await withCheckedThrowingContinuation { continuation in
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
                try? await connection.close()
                answer.resume(.failure(StorageFailure.transactionTimedOut(limit)))
            }
            connection.closeFuture.whenComplete { _ in
                answer.resume(.failure(StorageFailure.connectionLost))
            }
            answer.onResume {
                worker.cancel()
                timer.cancel()
            }
        }
    }
}
