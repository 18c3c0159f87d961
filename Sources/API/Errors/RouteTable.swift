import Synchronization

/// The registered routes (method and path template), used to tell 405 from 404. Filled while the
/// router is built, read on every unmatched request.
public final class RouteTable: Sendable {
    private struct Route {
        var method: String
        var segments: [Substring]
    }
    private let routes = Mutex<[Route]>([])

    /// Creates an empty table.
    public init() {}

    /// Records a route; `{name}` or `:name` segments match any single segment.
    public func add(_ method: String, _ path: String) {
        routes.withLock { $0.append(Route(method: method, segments: path.split(separator: "/"))) }
    }

    /// The methods registered for a concrete path, sorted; empty when the path is unknown.
    public func methods(forPath path: String) -> [String] {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        let matching = routes.withLock { routes in
            routes.filter { route in
                route.segments.count == segments.count
                    && zip(route.segments, segments).allSatisfy { template, actual in
                        !actual.isEmpty && (template.hasPrefix(":") || template.hasPrefix("{") || template == actual)
                    }
            }
        }
        return Set(matching.map(\.method)).sorted()
    }
}
