import Events
import PostgresNIO

extension PostgresEventStore {
    /// Follows the log: reads pages after `after`, and once caught up waits for a commit notification
    /// (LISTEN) or the poll interval, whichever comes first. Because appends commit in position order,
    /// reading `position > cursor` never skips an event that commits later.
    public func follow(after: Int64, filter: EventFilter) -> EventSubscription {
        EventSubscription(
            after: after,
            read: { cursor in
                do {
                    return try await readAll(after: cursor, limit: Self.maximumPageSize, filter: filter)
                } catch {
                    // A follower whose reader went away (an SSE client closed, shutdown) is cancelled: not a failure.
                    if Task.isCancelled { throw error }
                    logger.warning("follower read failed, retrying at the next wake-up", metadata: ["error": "\(error)"])
                    throw error
                }
            },
            wakeups: { makeWakeups() })
    }

    /// Starts the listener and the poll timer; both stop when the returned `Wakeups` is released.
    private func makeWakeups() -> Wakeups {
        let (stream, wake) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        let task = Task {
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await listen(wake: wake) }
                group.addTask {
                    while !Task.isCancelled {
                        try? await Task.sleep(for: pollInterval)
                        wake.yield()
                    }
                }
                await group.waitForAll()
            }
            wake.finish()
        }
        return Wakeups(stream: stream, stop: { task.cancel() })
    }

    /// Wakes the follower on every commit notification; reconnects after a lost connection.
    private func listen(wake: AsyncStream<Void>.Continuation) async {
        while !Task.isCancelled {
            do {
                try await client.withConnection { connection in
                    try await connection.listen(on: Self.notificationChannel) { notifications in
                        for try await _ in notifications { wake.yield() }
                    }
                }
                // The notifications ended without an error (the listener was cancelled under us):
                // listen again, but never in a tight loop.
                try? await Task.sleep(for: pollInterval)
            } catch {
                if Task.isCancelled { return }
                logger.debug("event notification listener lost, polling until it reconnects", metadata: ["error": "\(error)"])
                try? await Task.sleep(for: pollInterval)
            }
        }
    }
}
