import Events
import Hummingbird
import Projections

/// The read side of the log over HTTP: the global feed and single streams, each event's data
/// shown or withheld by `EventDisclosure`.
struct EventsController {
    let store: any EventStore
    let models: ReadModels
    let clock: LedgerClock

    func register(in group: RouterGroup<LedgerRequestContext>, routes: RouteTable) {
        group.get("events", use: feed)
        group.get("streams/:streamId/events", use: streamEvents)
        routes.add("GET", "/v1/events")
        routes.add("GET", "/v1/streams/{streamId}/events")
    }

    /// `GET /v1/events?after=&limit=&stream=&type=&actor=`
    @Sendable func feed(_ request: Request, context: LedgerRequestContext) async throws -> EventFeedPage {
        let actor = try context.requireActor()
        let query = QueryParameters(request)
        let after = try query.integer("after", in: 0...Int64.max, default: 0)
        let limit = try query.integer("limit", in: 1...1000, default: 100)
        let filter = EventFilter(
            stream: try query.streamID("stream"),
            types: try query.string("type", rule: EventTypeName.pattern, isValid: EventTypeName.isValid).map { [$0] } ?? [],
            actor: try query.string("actor", rule: ActorFilter.pattern, isValid: ActorFilter.isValid))
        let page = try await store.readAll(after: after, limit: Int(limit), filter: filter)
        var next = "/v1/events?after=\(page.nextAfter)&limit=\(limit)"
        if let stream = filter.stream { next += "&stream=\(stream.rawValue)" }
        if let type = filter.types.first { next += "&type=\(type)" }
        if let actor = filter.actor, let encoded = actor.addingPercentEncodingForQuery() { next += "&actor=\(encoded)" }
        let disclosure = try await EventDisclosure.of(page.events, to: actor, store: store, models: models, clock: clock)
        return EventFeedPage(
            events: page.events.map(disclosure.resource), nextAfter: page.nextAfter, head: page.head,
            hasMore: page.nextAfter < page.head, next: next)
    }

    /// `GET /v1/streams/{streamId}/events?fromVersion=&limit=`
    @Sendable func streamEvents(_ request: Request, context: LedgerRequestContext) async throws -> StreamEventsPage {
        let actor = try context.requireActor()
        // Path parameters arrive percent-encoded (a client may send `:` as `%3A`).
        guard let raw = context.parameters.get("streamId")?.removingPercentEncoding, let stream = StreamID(raw) else {
            throw APIError.invalidParameter("streamId", "'streamId' must match \(StreamID.pattern)")
        }
        let query = QueryParameters(request)
        let fromVersion = try query.integer("fromVersion", in: 1...Int64.max, default: 1)
        let limit = try query.integer("limit", in: 1...1000, default: 100)
        let events = try await store.readStream(stream, fromVersion: fromVersion, limit: Int(limit))
        if events.isEmpty, fromVersion == 1 {
            throw APIError(.notFound, "stream \(stream) has no events")
        }
        let nextFromVersion = events.count == Int(limit) ? events.last.map { $0.streamVersion + 1 } : nil
        let disclosure = try await EventDisclosure.of(events, to: actor, store: store, models: models, clock: clock)
        return StreamEventsPage(streamId: stream.rawValue, events: events.map(disclosure.resource), nextFromVersion: nextFromVersion)
    }
}

extension EventFeedPage: ResponseEncodable {}
extension StreamEventsPage: ResponseEncodable {}

extension String {
    func addingPercentEncodingForQuery() -> String? {
        var allowed: Set<UInt8> = Set(Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~:".utf8))
        allowed.remove(UInt8(ascii: "&"))
        var out = ""
        for byte in self.utf8 {
            if allowed.contains(byte) {
                out.append(Character(Unicode.Scalar(byte)))
            } else {
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out
    }

    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}

/// Actor filters are token ids (UUIDs) or `system:` names.
enum ActorFilter {
    static let pattern = "^[A-Za-z0-9:._-]{1,200}$"

    static func isValid(_ text: String) -> Bool {
        (1...200).contains(text.utf8.count)
            && text.utf8.allSatisfy {
                (48...57).contains($0) || (65...90).contains($0) || (97...122).contains($0) || ":._-".utf8.contains($0)
            }
    }
}
