import Events
import HTTPTypes

/// Every error the API answers with, each with a stable problem `type` and an HTTP status.
/// All thrown errors are turned into one of these in `ProblemMiddleware`, the one place errors meet HTTP.
public struct APIError: Error, Sendable, Hashable {
    /// The kinds of error, each a stable problem type.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case invalidParameter = "invalid-parameter"
        case invalidBody = "invalid-body"
        case malformedRequest = "malformed-request"
        case unauthenticated = "unauthenticated"
        case forbidden = "forbidden"
        case notFound = "not-found"
        case methodNotAllowed = "method-not-allowed"
        case versionConflict = "version-conflict"
        case preconditionRequired = "precondition-required"
        case stateConflict = "state-conflict"
        case invalidReference = "invalid-reference"
        case idempotencyKeyReused = "idempotency-key-reused"
        case requestTimeout = "request-timeout"
        case payloadTooLarge = "payload-too-large"
        case unsupportedMediaType = "unsupported-media-type"
        case headersTooLarge = "headers-too-large"
        case tooManyRequests = "too-many-requests"
        case unavailable = "service-unavailable"
        case internalError = "internal-error"

        /// The status this kind answers with.
        public var status: HTTPResponse.Status {
            switch self {
            case .invalidParameter, .invalidBody, .malformedRequest: return .badRequest
            case .unauthenticated: return .unauthorized
            case .forbidden: return .forbidden
            case .notFound: return .notFound
            case .methodNotAllowed: return .methodNotAllowed
            case .versionConflict: return .preconditionFailed
            case .preconditionRequired: return .preconditionRequired
            case .stateConflict: return .conflict
            case .invalidReference: return .conflict
            case .idempotencyKeyReused: return .conflict
            case .requestTimeout: return .requestTimeout
            case .payloadTooLarge: return .contentTooLarge
            case .unsupportedMediaType: return .unsupportedMediaType
            case .headersTooLarge: return .requestHeaderFieldsTooLarge
            case .tooManyRequests: return .tooManyRequests
            case .unavailable: return .serviceUnavailable
            case .internalError: return .internalServerError
            }
        }

        /// A short, fixed summary of the kind.
        public var title: String {
            switch self {
            case .invalidParameter: return "A parameter is invalid"
            case .invalidBody: return "The request body is invalid"
            case .malformedRequest: return "The request's HTTP framing is malformed"
            case .unauthenticated: return "Authentication required"
            case .forbidden: return "Not allowed for this token"
            case .notFound: return "Not found"
            case .methodNotAllowed: return "Method not allowed"
            case .versionConflict: return "The resource has changed"
            case .preconditionRequired: return "If-Match is required"
            case .stateConflict: return "Not possible in the resource's current state"
            case .invalidReference: return "The request refers to something that does not exist"
            case .idempotencyKeyReused: return "Idempotency key reused for a different request"
            case .requestTimeout: return "The request did not arrive in time"
            case .payloadTooLarge: return "The request body is too large"
            case .unsupportedMediaType: return "The request body's media type is not supported"
            case .headersTooLarge: return "The request's header fields are too large"
            case .tooManyRequests: return "Too many requests for this token"
            case .unavailable: return "Service unavailable"
            case .internalError: return "Internal error"
            }
        }
    }

    /// What went wrong.
    public var kind: Kind
    /// A human-readable explanation of this occurrence.
    public var detail: String
    /// The parameter, header or body field at fault (e.g. `limit`, `events[1].type`).
    public var field: String?
    /// Extra response headers (e.g. `Allow` for 405).
    public var headers: HTTPFields = [:]
    /// The state of the resource that refused the request (a `state-conflict` about an incident's phase, a retired rule).
    public var state: String?

    /// Creates an error.
    public init(_ kind: Kind, _ detail: String, field: String? = nil) {
        self.kind = kind
        self.detail = detail
        self.field = field
    }

    /// The problem `type` URI of a kind, e.g. `urn:opinion-ledger:problem:invalid-parameter`.
    public static func typeURI(_ kind: Kind) -> String { "urn:opinion-ledger:problem:\(kind.rawValue)" }

    static func invalidParameter(_ name: String, _ detail: String) -> APIError {
        APIError(.invalidParameter, detail, field: name)
    }

    static func unauthenticated(_ detail: String) -> APIError {
        var error = APIError(.unauthenticated, detail)
        error.headers[.wwwAuthenticate] = "Bearer realm=\"opinion-ledger\""
        return error
    }
}

extension APIError {
    /// Maps the event store's errors to API errors.
    public init(_ error: EventStoreError) {
        switch error {
        case .wrongExpectedVersion(let stream, let expected, let actual):
            self.init(.versionConflict, "stream \(stream) is at version \(actual), not \(expected)", field: "If-Match")
        case .conditionFailed:
            self.init(.versionConflict, "what this write was decided on changed while it was decided; send it again")
        case .idempotencyKeyReused(let key):
            self.init(.idempotencyKeyReused, "the key '\(key)' was used for a different request", field: "Idempotency-Key")
        case .invalidAppend(let field, let reason):
            self.init(.invalidBody, reason, field: field)
        case .storageUnavailable:
            self.init(.unavailable, "the event log is unavailable; retry later")
        }
    }
}
