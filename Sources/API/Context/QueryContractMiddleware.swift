import Hummingbird

/// Refuses a query parameter the route does not take (400 `invalid-parameter` naming it), so that a
/// misspelt filter (`severty=high`) is not answered as if no filter had been asked for. The routes'
/// parameters come from the OpenAPI document (`QueryContract`).
struct QueryContractMiddleware<Context: RequestContext>: RouterMiddleware {
    let contract: QueryContract

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if let taken = contract.parameters(method: request.method.rawValue, path: request.uri.path) {
            var unknown: [String] = []
            for (name, _) in request.uri.queryParameters where !taken.contains(String(name)) && !unknown.contains(String(name)) {
                unknown.append(String(name))
            }
            if let first = unknown.first {
                let listed = unknown.map { "'\($0)'" }.joined(separator: ", ")
                let accepted = taken.sorted().joined(separator: ", ")
                throw APIError(
                    .invalidParameter,
                    "unknown query parameter\(unknown.count > 1 ? "s" : "") \(listed); "
                        + (taken.isEmpty ? "this route takes none" : "this route takes \(accepted)"),
                    field: first)
            }
        }
        return try await next(request, context)
    }
}
