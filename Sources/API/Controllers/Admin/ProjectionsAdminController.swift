import Events
import Hummingbird
import Projections

/// Operators' view of the read models: every projection's checkpoint, lag and state, and a rebuild
/// without downtime. Admin tokens only.
struct ProjectionsAdminController {
    let operations: ProjectionOperations

    /// Projection names as routes accept them.
    static let namePattern = "^[a-z0-9][a-z0-9-]{0,99}$"

    func register(in group: RouterGroup<LedgerRequestContext>, routes: RouteTable) {
        group.get("admin/projections", use: list)
        group.post("admin/projections/:name/rebuild", use: rebuild)
        routes.add("GET", "/v1/admin/projections")
        routes.add("POST", "/v1/admin/projections/{name}/rebuild")
    }

    /// `GET /v1/admin/projections`
    @Sendable func list(_ request: Request, context: LedgerRequestContext) async throws -> Response {
        try Self.requireAdmin(context)
        return try JSONResponse.make(ProjectionList(projections: try await operations.statuses()), status: .ok)
    }

    /// `POST /v1/admin/projections/{name}/rebuild`: 202 once the rebuild holds its lock and runs.
    @Sendable func rebuild(_ request: Request, context: LedgerRequestContext) async throws -> Response {
        try Self.requireAdmin(context)
        let name = context.parameters.get("name")?.removingPercentEncoding ?? ""
        guard Self.isValidName(name) else {
            throw APIError.invalidParameter("name", "'name' must match \(Self.namePattern)")
        }
        let status: ProjectionStatus
        do {
            status = try await operations.startRebuild(name)
        } catch let error as RebuildError {
            throw APIError(error)
        }
        var response = try JSONResponse.make(status, status: .accepted)
        response.headers[.location] = "/v1/admin/projections"
        return response
    }

    static func requireAdmin(_ context: LedgerRequestContext) throws {
        guard try context.requireActor().role == .admin else {
            throw APIError(.forbidden, "only admin tokens see and rebuild projections")
        }
    }

    static func isValidName(_ name: String) -> Bool {
        guard let first = name.utf8.first, (1...100).contains(name.utf8.count) else { return false }
        let allowed: (UInt8) -> Bool = { (97...122).contains($0) || (48...57).contains($0) || $0 == UInt8(ascii: "-") }
        return first != UInt8(ascii: "-") && name.utf8.allSatisfy(allowed)
    }
}

/// The answer of `GET /v1/admin/projections`.
struct ProjectionList: Codable, Sendable {
    var projections: [ProjectionStatus]
}
