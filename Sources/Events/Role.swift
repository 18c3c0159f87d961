/// What a token may do; the per-role rules come with each domain capability.
public enum Role: String, Sendable, Hashable, Codable, CaseIterable {
    case admin
    case supervisor
    case unitOfficer = "unit-officer"
    case monitor
    case auditor
}

/// Who caused an event: the token that made the request, or the system itself (migrations, seeding).
public struct ActorRef: Sendable, Hashable, Codable {
    /// The token's id (never the token itself), or a `system:` name.
    public var tokenId: String
    /// The token's role when it acted.
    public var role: Role
    /// The unit the token acts for, when it is bound to one.
    public var unitId: String?

    /// Creates an actor reference.
    public init(tokenId: String, role: Role, unitId: String? = nil) {
        self.tokenId = tokenId
        self.role = role
        self.unitId = unitId
    }

    /// The actor used by command-line tools run by an operator.
    public static func system(_ name: String) -> ActorRef {
        ActorRef(tokenId: "system:\(name)", role: .admin)
    }
}
