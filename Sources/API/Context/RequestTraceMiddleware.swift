import Events
import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// Outermost middleware: gives every request an id (`X-Request-ID` when the client sent a usable
/// one, else a new UUID) returned on the answer, follows a W3C `traceparent` so that the events the
/// request appends carry its trace id as their `correlationId` and the request id as their
/// `causationId` (`RequestTrace.current`), and writes one access-log line per request at info:
/// method, path, route, status, latency and request id.
struct RequestTraceMiddleware<Context: RequestContext>: RouterMiddleware {
    static var requestIdHeader: HTTPField.Name { HTTPField.Name("X-Request-ID")! }
    static var traceparentHeader: HTTPField.Name { HTTPField.Name("traceparent")! }

    /// An id a client may give: 1 to 200 visible ASCII characters.
    static func usable(_ id: String) -> Bool {
        (1...200).contains(id.utf8.count) && id.utf8.allSatisfy { (0x21...0x7E).contains($0) }
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let given = request.headers[Self.requestIdHeader].flatMap { Self.usable($0) ? $0 : nil }
        let requestId = given ?? UUID().uuidString.lowercased()
        let traceId = request.headers[Self.traceparentHeader].flatMap(RequestTrace.traceId(ofTraceparent:))
        let trace = RequestTrace(correlationId: traceId ?? UUID(), causationId: UUID(uuidString: requestId) ?? UUID())
        var context = context
        context.logger[metadataKey: "request_id"] = .string(requestId)
        if let traceId { context.logger[metadataKey: "trace_id"] = .string(traceId.uuidString.lowercased()) }
        do {
            var response = try await RequestTrace.$current.withValue(trace) { try await next(request, context) }
            response.headers[Self.requestIdHeader] = requestId
            log(request, context: context, status: response.status.code, since: start)
            return response
        } catch {
            log(request, context: context, status: (error as? any HTTPResponseError)?.status.code ?? 500, since: start)
            throw error
        }
    }

    private func log(_ request: Request, context: Context, status: Int, since start: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - start
        let milliseconds = Double(elapsed.components.seconds) * 1_000 + Double(elapsed.components.attoseconds) / 1e15
        context.logger.info(
            "request",
            metadata: [
                "method": .string(request.method.rawValue), "path": .string(request.uri.path),
                "route": .string(context.endpointPath ?? "-"), "status": .stringConvertible(status),
                "latency_ms": .string(String(format: "%.2f", milliseconds)),
            ])
    }
}
