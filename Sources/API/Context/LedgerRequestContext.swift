import Events
import Hummingbird

/// The request context of every route: Hummingbird's core storage plus the authenticated actor.
public struct LedgerRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The token's actor, set by `BearerAuthentication` on `/v1` routes.
    public var actor: ActorRef?

    public init(source: Source) {
        self.coreContext = .init(source: source)
        self.actor = nil
    }

    /// The authenticated actor; throws 401 when the route was reached without one.
    public func requireActor() throws(APIError) -> ActorRef {
        guard let actor else { throw .unauthenticated("a bearer token is required") }
        return actor
    }
}
