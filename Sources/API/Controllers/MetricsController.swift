import Hummingbird

/// `GET /metrics`: the server's metrics in the Prometheus text format, for a scraper; no token
/// (like the health probes; expose it only where the scraper can reach it).
struct MetricsController {
    /// Produces the exposition text (refreshing the figures read at scrape time first).
    let scrape: @Sendable () async -> String

    func register(in router: Router<LedgerRequestContext>, routes: RouteTable) {
        router.get("metrics", use: metrics)
        routes.add("GET", "/metrics")
    }

    @Sendable func metrics(_ request: Request, context: LedgerRequestContext) async throws -> Response {
        let text = await scrape()
        return Response(
            status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
