import Foundation
import Hummingbird

/// An RFC 9457 problem document, the body of every error response (`application/problem+json`).
public struct ProblemDetails: Codable, Sendable, Hashable {
    /// Stable URI naming the kind of error.
    public var type: String
    /// Fixed summary of the kind.
    public var title: String
    /// The HTTP status.
    public var status: Int
    /// What happened this time.
    public var detail: String
    /// The request path.
    public var instance: String?
    /// The parameter, header or body field at fault.
    public var field: String?
    /// The resource's state that refused the request (e.g. an incident's phase `resolved`), when it matters.
    public var state: String?

    /// Builds the problem document for an error answering `instance`.
    public init(_ error: APIError, instance: String?) {
        self.type = APIError.typeURI(error.kind)
        self.title = error.kind.title
        self.status = Int(error.kind.status.code)
        self.detail = error.detail
        self.instance = instance
        self.field = error.field
        self.state = error.state
    }
}

extension APIError: HTTPResponseError {
    public var status: HTTPResponse.Status { kind.status }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let body = try JSONEncoder().encode(ProblemDetails(self, instance: request.uri.path))
        var fields = headers
        fields[.contentType] = "application/problem+json"
        if kind == .unavailable, fields[.retryAfter] == nil {
            // Every 503 says when to come back: the database probe runs several times a second.
            fields[.retryAfter] = "1"
        }
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}
