import Foundation
import Hummingbird

/// Serves the OpenAPI 3.1 document that describes every route.
struct OpenAPIController {
    let document: ByteBuffer

    init() throws {
        self.document = ByteBuffer(bytes: try OpenAPIDocument.bytes())
    }

    func register(in router: Router<LedgerRequestContext>, routes: RouteTable) {
        router.get("openapi.json", use: serve)
        routes.add("GET", "/openapi.json")
    }

    @Sendable func serve(_ request: Request, context: LedgerRequestContext) async throws -> Response {
        Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: document))
    }
}
