import Foundation
import Hummingbird

/// Whether the service can do its work: the database answers and its migrations are current.
public struct Readiness: Sendable, Codable, Hashable {
    /// `ready` or `not-ready`.
    public var status: String
    /// `ok` or why the database cannot be used.
    public var database: String
    /// `current`, `behind`, or `unknown`.
    public var migrations: String

    /// Creates a readiness report.
    public init(database: String, migrations: String) {
        self.database = database
        self.migrations = migrations
        self.status = database == "ok" && migrations == "current" ? "ready" : "not-ready"
    }
}

/// Liveness and readiness probes for orchestrators; no token needed.
struct HealthController {
    let readiness: @Sendable () async -> Readiness

    func register(in router: Router<LedgerRequestContext>, routes: RouteTable) {
        router.get("health/live", use: live)
        router.get("health/ready", use: ready)
        routes.add("GET", "/health/live")
        routes.add("GET", "/health/ready")
    }

    @Sendable func live(_ request: Request, context: LedgerRequestContext) async throws -> Response {
        try JSONResponse.make(["status": "alive"], status: .ok)
    }

    @Sendable func ready(_ request: Request, context: LedgerRequestContext) async throws -> Response {
        let report = await readiness()
        guard report.status == "ready" else {
            var response = try JSONResponse.make(report, status: .serviceUnavailable)
            response.headers[.retryAfter] = "1"
            return response
        }
        return try JSONResponse.make(report, status: .ok)
    }
}

/// Builds JSON responses with an explicit status.
enum JSONResponse {
    static func make(_ value: some Encodable, status: HTTPResponse.Status, contentType: String = "application/json") throws -> Response {
        let body = try JSONEncoder().encode(value)
        return Response(
            status: status, headers: [.contentType: contentType, .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}
