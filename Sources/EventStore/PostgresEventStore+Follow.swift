import Events
import PostgresNIO

extension PostgresEventStore {
    /// Reads everything after `after`, then waits for a commit notification (or the poll interval,
    /// whichever comes first) and reads again. Because appends commit in position order, reading
    /// `position > cursor` never skips an event that commits later.
    public func follow(after: Int64, filter: EventFilter) -> AsyncThrowingStream<RecordedEvent, any Error> {
        let (events, output) = AsyncThrowingStream<RecordedEvent, any Error>.makeStream(bufferingPolicy: .unbounded)
        let task = Task {
            let (wakeups, wake) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await listen(wake: wake) }
                group.addTask {
                    while !Task.isCancelled {
                        try? await Task.sleep(for: pollInterval)
                        wake.yield()
                    }
                }
                group.addTask {
                    var cursor = after
                    wake.yield()
                    for await _ in wakeups {
                        do {
                            while true {
                                let page = try await readAll(after: cursor, limit: Self.maximumPageSize, filter: filter)
                                for event in page.events { output.yield(event) }
                                cursor = page.nextAfter
                                if page.nextAfter >= page.head { break }
                            }
                        } catch {
                            logger.warning("follower read failed, retrying at next wake-up", metadata: ["error": "\(error)"])
                        }
                        if Task.isCancelled { break }
                    }
                }
                await group.next()
                group.cancelAll()
            }
            output.finish()
        }
        output.onTermination = { _ in task.cancel() }
        return events
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
            } catch {
                if Task.isCancelled { return }
                logger.debug("event notification listener lost, polling until it reconnects", metadata: ["error": "\(error)"])
                try? await Task.sleep(for: pollInterval)
            }
        }
    }
}
