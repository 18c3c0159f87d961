import Events
import Hummingbird
import Projections

extension AuditController {
    /// `GET /v1/audit/actors/{tokenId}/events?after=&limit=`: every event a token caused, in position order.
    @Sendable func actorEvents(_ request: Request, context: LedgerRequestContext) async throws -> ActorEventsPage {
        let actor = try AuditAccess.require(context)
        guard let tokenId = context.parameters.get("tokenId")?.removingPercentEncoding, ActorFilter.isValid(tokenId) else {
            throw APIError.invalidParameter("tokenId", "'tokenId' must match \(ActorFilter.pattern)")
        }
        let query = QueryParameters(request)
        let after = try query.integer("after", in: 0...Int64.max, default: 0)
        let limit = try query.integer("limit", in: 1...1000, default: 100)
        let page = try await store.readAll(after: after, limit: Int(limit), filter: EventFilter(actor: tokenId))
        let disclosure = try await EventDisclosure.of(page.events, to: actor, store: store, models: models, clock: clock)
        return ActorEventsPage(
            tokenId: tokenId, events: page.events.map(disclosure.resource), nextAfter: page.nextAfter, head: page.head,
            hasMore: page.nextAfter < page.head,
            next: "/v1/audit/actors/\(tokenId)/events?after=\(page.nextAfter)&limit=\(limit)")
    }
}
