import Foundation

/// The query parameters each route takes, read from the OpenAPI document (`openapi.json`), the one
/// place they are declared: a parameter the document does not list for a route is refused there.
struct QueryContract: Sendable {
    struct Operation: Sendable {
        var method: String
        /// The path template's segments; `{name}` matches any one non-empty segment.
        var segments: [String]
        var parameters: Set<String>

        /// How many segments are literal: `/v1/incidents/summary` is preferred to `/v1/incidents/{incidentId}`.
        var literalCount: Int { segments.filter { !$0.hasPrefix("{") }.count }

        func matches(_ path: [Substring]) -> Bool {
            segments.count == path.count
                && zip(segments, path).allSatisfy { template, actual in
                    !actual.isEmpty && (template.hasPrefix("{") || template == actual)
                }
        }
    }

    let operations: [Operation]

    /// Reads every operation's query parameters (its own and its path item's) from an OpenAPI document.
    init(openAPI document: Data) throws {
        struct Parameter: Decodable {
            var name: String
            var location: String
            enum CodingKeys: String, CodingKey {
                case name
                case location = "in"
            }
        }
        struct Operation: Decodable { var parameters: [Parameter]? }
        struct PathItem: Decodable {
            var parameters: [Parameter]?
            var operations: [String: Operation]

            struct Key: CodingKey {
                var stringValue: String
                var intValue: Int? { nil }
                init(stringValue: String) { self.stringValue = stringValue }
                init?(intValue: Int) { nil }
            }
            static let methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]

            init(from decoder: any Decoder) throws {
                let container = try decoder.container(keyedBy: Key.self)
                parameters = try container.decodeIfPresent([Parameter].self, forKey: Key(stringValue: "parameters"))
                var operations: [String: Operation] = [:]
                for method in Self.methods where container.contains(Key(stringValue: method)) {
                    operations[method.uppercased()] = try container.decode(Operation.self, forKey: Key(stringValue: method))
                }
                self.operations = operations
            }
        }
        struct Document: Decodable { var paths: [String: PathItem] }

        let paths = try JSONDecoder().decode(Document.self, from: document).paths
        var operations: [QueryContract.Operation] = []
        for (path, item) in paths {
            for (method, operation) in item.operations {
                let parameters = (item.parameters ?? []) + (operation.parameters ?? [])
                operations.append(
                    .init(
                        method: method, segments: path.split(separator: "/").map(String.init),
                        parameters: Set(parameters.filter { $0.location == "query" }.map(\.name))))
            }
        }
        self.operations = operations
    }

    /// The contract of the API's own document, embedded in the binary.
    static func bundled() throws -> QueryContract {
        try QueryContract(openAPI: Data(try OpenAPIDocument.bytes()))
    }

    /// The query parameters the route of `method` and `path` takes; nil when no documented route
    /// matches (the router answers 404 or 405).
    func parameters(method: String, path: String) -> Set<String>? {
        let method = method == "HEAD" ? "GET" : method
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        let path = Array(segments.last == "" && segments.count > 1 ? segments.dropLast() : segments)
        return operations.filter { $0.method == method && $0.matches(path) }.max { $0.literalCount < $1.literalCount }?.parameters
    }
}
