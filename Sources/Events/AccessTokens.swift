/// Resolves a bearer token to the actor it stands for; implemented by the token store.
public protocol AccessTokenVerifier: Sendable {
    /// The actor for a valid, unrevoked token, or nil.
    func actor(forBearerToken token: String) async throws -> ActorRef?
}
