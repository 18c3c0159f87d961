/// Which projections the reads under a path read from, for `minPosition`: a read there waits for
/// those projections' checkpoints. Reads elsewhere fold the log directly and wait for its head only.
public struct ReadModelRoute: Sendable, Hashable {
    /// A path prefix, e.g. `/v1/incidents`.
    public var pathPrefix: String
    /// The projections read under it.
    public var projections: [String]

    /// Creates a route mapping.
    public init(pathPrefix: String, projections: [String]) {
        self.pathPrefix = pathPrefix
        self.projections = projections
    }

    /// The service's read models as routes use them.
    public static let standard: [ReadModelRoute] = [
        ReadModelRoute(pathPrefix: "/v1/reports", projections: ["reporting-duties"])
    ]

    /// The projections a path reads from.
    static func projections(for path: String, in routes: [ReadModelRoute]) -> [String] {
        routes.filter { path == $0.pathPrefix || path.hasPrefix($0.pathPrefix + "/") }.flatMap(\.projections)
    }
}
