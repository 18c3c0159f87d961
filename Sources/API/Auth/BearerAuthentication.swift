import Events
import Hummingbird

/// Resolves `Authorization: Bearer <token>` to an actor, or answers 401 before any handler runs.
public struct BearerAuthentication: RouterMiddleware {
    public typealias Context = LedgerRequestContext
    let tokens: any AccessTokenVerifier

    /// Creates the middleware over a token verifier.
    public init(tokens: any AccessTokenVerifier) {
        self.tokens = tokens
    }

    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard let header = request.headers[.authorization] else {
            throw APIError.unauthenticated("send Authorization: Bearer <token>")
        }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw APIError.unauthenticated("the Authorization header must use the Bearer scheme")
        }
        let actor: ActorRef?
        do {
            actor = try await tokens.actor(forBearerToken: String(parts[1]).trimmingWhitespace())
        } catch {
            throw APIError(.unavailable, "tokens cannot be checked right now; retry later")
        }
        guard let actor else { throw APIError.unauthenticated("the token is unknown or revoked") }
        var context = context
        context.actor = actor
        context.logger[metadataKey: "actor"] = "\(actor.tokenId)"
        return try await next(request, context)
    }
}

extension String {
    func trimmingWhitespace() -> String {
        String(self.drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
    }
}
