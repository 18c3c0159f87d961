import Events
import Foundation
import Hummingbird
import NIOCore
import ServiceLifecycle

/// Writes one SSE response: the subscription's events, heartbeats while idle, until the limit, the
/// timeout, graceful shutdown or the client going away. The producer pulls one page of the log at a
/// time and waits until the writer asks for more, so a slow client never makes the server buffer the log.
struct EventStreamFeed: Sendable {
    let subscription: EventSubscription
    let heartbeat: Duration
    let limit: Int?
    let timeout: Duration?
    /// What the reader may see of a batch, decided once per batch.
    let disclose: @Sendable ([RecordedEvent]) async throws -> EventDisclosure

    private enum Output: Sendable {
        case events([EventResource])
        case heartbeat
        case end
    }

    func run(into writer: inout any ResponseBodyWriter) async throws {
        let (outputs, out) = AsyncStream<Output>.makeStream()
        let (demand, ask) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        try await withGracefulShutdownHandler {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    var more = demand.makeAsyncIterator()
                    do {
                        for try await page in subscription.pages where !page.events.isEmpty {
                            let disclosure = try await disclose(page.events)
                            out.yield(.events(page.events.map(disclosure.resource)))
                            guard await more.next() != nil else { return }
                        }
                    } catch {
                        // The log or a read model failed: end the stream; the client resumes with Last-Event-ID.
                        out.yield(.end)
                    }
                }
                group.addTask {
                    while !Task.isCancelled {
                        try await Task.sleep(for: heartbeat)
                        out.yield(.heartbeat)
                    }
                }
                if let timeout {
                    group.addTask {
                        try await Task.sleep(for: timeout)
                        out.yield(.end)
                    }
                }
                defer {
                    group.cancelAll()
                    ask.finish()
                }
                try await writer.write(ByteBuffer(string: ": connected\n\n"))
                var sent = 0
                streaming: for await output in outputs {
                    switch output {
                    case .events(let events):
                        for event in events {
                            try await writer.write(try Self.message(event))
                            sent += 1
                            if let limit, sent >= limit { break streaming }
                        }
                        ask.yield()
                    case .heartbeat:
                        try await writer.write(ByteBuffer(string: ": heartbeat\n\n"))
                    case .end:
                        break streaming
                    }
                }
            }
        } onGracefulShutdown: {
            out.yield(.end)
        }
        try await writer.finish(nil)
    }

    /// One SSE message: `id` (the position), `event` (the type) and `data` (the feed's JSON for the event, one line).
    static func message(_ event: EventResource) throws -> ByteBuffer {
        let json = try JSONEncoder().encode(event)
        var buffer = ByteBuffer(string: "id: \(event.position)\nevent: \(event.type)\ndata: ")
        buffer.writeBytes(json)
        buffer.writeString("\n\n")
        return buffer
    }
}
