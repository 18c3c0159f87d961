import Events
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Projections

/// The live feed for other systems: `GET /v1/events/stream` as Server-Sent Events. Each event is
/// sent with its position as the SSE `id`, so a client that reconnects with `Last-Event-ID` resumes
/// exactly after the last event it saw. Follows the log (LISTEN/NOTIFY and polling), sends a
/// heartbeat comment when idle, and ends on `limit`, `timeout`, the client's disconnect (its slot is
/// given back at once) or the server's graceful shutdown. Each batch's data is shown or withheld by
/// `EventDisclosure`, decided once per batch.
struct EventStreamController {
    let store: any EventStore
    let models: ReadModels
    let clock: LedgerClock
    /// The pause between heartbeat comments (15 s in service).
    let heartbeat: Duration
    /// The streams that may be open at once.
    let slots: EventStreamSlots

    func register(in group: RouterGroup<LedgerRequestContext>, routes: RouteTable) {
        group.get("events/stream", use: stream)
        routes.add("GET", "/v1/events/stream")
    }

    /// `GET /v1/events/stream?after=&stream=&type=&limit=&timeout=` (or `Last-Event-ID` instead of `after`).
    @Sendable func stream(_ request: Request, context: LedgerRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let query = QueryParameters(request)
        var after = try query.integer("after", in: 0...Int64.max, default: 0)
        if let lastEventID = request.headers[.lastEventID] {
            let digits = (1...18).contains(lastEventID.utf8.count) && lastEventID.utf8.allSatisfy { (48...57).contains($0) }
            guard digits, let position = Int64(lastEventID) else {
                throw APIError(.invalidParameter, "'Last-Event-ID' must be a position (1 to 18 digits)", field: "Last-Event-ID")
            }
            after = position
        }
        let limit = try query.integer("limit", in: 1...10_000, default: 0)
        let timeout = try query.integer("timeout", in: 1...86_400, default: 0)
        let filter = EventFilter(
            stream: try query.streamID("stream"),
            types: try query.string("type", rule: EventTypeName.pattern, isValid: EventTypeName.isValid).map { [$0] } ?? [])
        let lease: EventStreamSlots.Lease
        switch slots.acquire(for: actor.tokenId) {
        case .success(let taken): lease = taken
        case .failure(.full):
            var error = APIError(.unavailable, "\(slots.limit) live streams are open, the most this server serves; retry later")
            error.headers[.retryAfter] = "5"
            throw error
        case .failure(.tokenFull):
            var error = APIError(
                .tooManyRequests, "this token has \(slots.perToken) live streams open, the most one token may hold; close one first")
            error.headers[.retryAfter] = "5"
            throw error
        }
        let (store, clock) = (store, clock)
        let feed = EventStreamFeed(
            subscription: store.follow(after: after, filter: filter), heartbeat: heartbeat,
            limit: limit > 0 ? Int(limit) : nil, timeout: timeout > 0 ? .seconds(timeout) : nil,
            disclose: { events in try await EventDisclosure.of(events, to: actor, store: store, models: models, clock: clock) })
        return Response(
            status: .ok,
            headers: [.contentType: "text/event-stream", .cacheControl: "no-store", HTTPField.Name("X-Accel-Buffering")!: "no"],
            body: ResponseBody { writer in
                defer { lease.release() }
                // A client that goes away closes the request's inbound side: the feed is cancelled then,
                // not at the next heartbeat that fails to write.
                try await request.body.consumeWithCancellationOnInboundClose { _ in
                    try await feed.run(into: &writer)
                }
            })
    }
}

extension HTTPField.Name {
    /// `Last-Event-ID`, sent by an EventSource when it reconnects.
    static let lastEventID = HTTPField.Name("Last-Event-ID")!
}
