import Events
import Hummingbird

/// Wraps the router so that no request waits on a database that is gone: while the server's probe
/// finds the database unreachable every request is answered 503 (`service-unavailable`, with
/// `Retry-After`) at once, and a request already waiting is answered 503 as soon as the database goes
/// away, whatever its handler was waiting on. Liveness and the OpenAPI document never need the
/// database and are always passed through; readiness answers for itself, from the same probe.
///
/// A write answered 503 this way may still commit once its handler ends (its outcome is unknown to
/// the server): clients retry writes with the same `Idempotency-Key`, which answers the original
/// result if it did.
public struct AvailabilityResponder<Responder: HTTPResponder>: HTTPResponder where Responder.Context: RequestContext {
    public typealias Context = Responder.Context
    let responder: Responder
    /// The server's probe; nil (tests over an in-memory store): every request is passed through.
    let availability: (any DatabaseAvailability)?
    /// Paths answered whatever the database's state.
    static var exempt: Set<String> { ["/health/live", "/health/ready", "/openapi.json"] }

    /// Wraps `responder`, watching `availability`.
    public init(_ responder: Responder, availability: (any DatabaseAvailability)?) {
        self.responder = responder
        self.availability = availability
    }

    public func respond(to request: Request, context: Context) async throws -> Response {
        guard let availability, !Self.exempt.contains(request.uri.path) else {
            return try await responder.respond(to: request, context: context)
        }
        guard availability.isAvailable else { return try Self.unavailable(request, context: context) }
        let responder = responder
        return try await FirstOutcome<Response>.race([
            { try await responder.respond(to: request, context: context) },
            {
                await availability.untilUnavailable()
                try Task.checkCancellation()
                return try Self.unavailable(request, context: context)
            },
        ])
    }

    static func unavailable(_ request: Request, context: Context) throws -> Response {
        context.logger.warning("answered 503: the database is unreachable")
        return try APIError(.unavailable, "the database is unreachable; retry later").response(from: request, context: context)
    }
}

extension LedgerRouter {
    /// The router's responder behind the availability guard, when the services have a database probe.
    public static func responder(
        _ router: Router<LedgerRequestContext>, services: LedgerServices
    ) -> AvailabilityResponder<RouterResponder<LedgerRequestContext>> {
        AvailabilityResponder(router.buildResponder(), availability: services.databaseAvailability)
    }
}
