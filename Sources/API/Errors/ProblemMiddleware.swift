import Events
import Hummingbird
import Logging
import NIOCore
import NIOHTTP1

/// The one place where errors meet HTTP: turns anything a handler throws into a problem document,
/// answers 405 (with `Allow`) for a known path with another method, and logs what is not the client's fault.
public struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    let routes: RouteTable
    let meansDatabaseUnavailable: @Sendable (any Error) -> Bool

    /// Creates the middleware for the given documented routes; `meansDatabaseUnavailable` picks out
    /// the database failures (from a layer this one does not see) that are answered 503.
    public init(routes: RouteTable, meansDatabaseUnavailable: @escaping @Sendable (any Error) -> Bool = { _ in false }) {
        self.routes = routes
        self.meansDatabaseUnavailable = meansDatabaseUnavailable
    }

    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let apiError = problem(for: error, request: request)
            if apiError.kind == .internalError || apiError.kind == .unavailable {
                context.logger.error("request failed", metadata: ["error": "\(String(reflecting: error))"])
            }
            return try apiError.response(from: request, context: context)
        }
    }

    func problem(for error: any Error, request: Request) -> APIError {
        switch error {
        case let error as APIError:
            return error
        case let error as EventStoreError:
            return APIError(error)
        case let error as UnitRuleViolation:
            return APIError(error)
        case let error as ReportRuleViolation:
            return APIError(error)
        case let error as ObligationRuleViolation:
            return APIError(error)
        case let error as IncidentRuleViolation:
            return APIError(error)
        case let error as ClockRuleViolation:
            return APIError(error)
        case let error as HTTPError where error.status == .notFound:
            let allowed = routes.methods(forPath: request.uri.path)
            guard !allowed.isEmpty else { return APIError(.notFound, "no resource at \(request.uri.path)") }
            var notAllowed = APIError(.methodNotAllowed, "\(request.method) is not allowed here; use \(allowed.joined(separator: ", "))")
            notAllowed.headers[.allow] = allowed.joined(separator: ", ")
            return notAllowed
        case let error as HTTPError where error.status == .contentTooLarge:
            return APIError(.payloadTooLarge, "the request body exceeds the size limit")
        case let error as NIOTooManyBytesError:
            // What `collectBody(upTo:)` throws for a body over the limit.
            let limit = error.maxBytes.map { " of \($0) bytes" } ?? ""
            return APIError(.payloadTooLarge, "the request body exceeds the size limit\(limit)")
        case let error as HTTPError where (400..<500).contains(error.status.code):
            return APIError(.invalidBody, error.body ?? error.status.reasonPhrase)
        case let error as DecodingError:
            return APIError.bodyDecoding(error)
        case let error as HTTPParserError:
            // The parser refused the body while a handler read it (a chunk size that is not hex, a body
            // cut short of its Content-Length); the connection cannot be used again.
            var malformed = APIError(.malformedRequest, "the request's body framing is malformed (\(error))")
            malformed.headers[.connection] = "close"
            return malformed
        case let error where meansDatabaseUnavailable(error):
            return APIError(.unavailable, "the database is unreachable; retry later")
        default:
            return APIError(.internalError, "the server failed to answer; the failure is logged")
        }
    }
}

extension APIError {
    /// A 400 naming the body field that could not be decoded.
    static func bodyDecoding(_ error: DecodingError) -> APIError {
        func path(_ context: DecodingError.Context) -> String? {
            let path = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return path.isEmpty ? nil : String(path.drop(while: { $0 == "." }))
        }
        switch error {
        case .keyNotFound(let key, let context):
            let parent = path(context).map { "\($0)." } ?? ""
            return APIError(.invalidBody, "the field '\(key.stringValue)' is required", field: parent + key.stringValue)
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return APIError(.invalidBody, "wrong type: \(context.debugDescription)", field: path(context))
        case .dataCorrupted(let context):
            return APIError(.invalidBody, context.debugDescription, field: path(context))
        @unknown default:
            return APIError(.invalidBody, "the body could not be decoded")
        }
    }
}

extension APIError {
    /// Maps a refused unit command: unknown unit 404, bad name 400, unknown reference 422, else 409.
    init(_ violation: UnitRuleViolation) {
        switch violation {
        case .notRegistered: self.init(.notFound, violation.message)
        case .invalidName: self.init(.invalidBody, violation.message, field: violation.field)
        case .parentNotFound, .mergeTargetNotFound: self.init(.invalidReference, violation.message, field: violation.field)
        default: self.init(.stateConflict, violation.message, field: violation.field)
        }
    }
}

extension APIError {
    /// Maps a refused obligation command: unknown obligation 404; terms wrong in themselves 400; an unknown
    /// unit 409 `invalid-reference`; anything the obligation's state refuses (settled periods, a retired
    /// obligation, a last period of another kind) 409 `state-conflict`.
    init(_ violation: ObligationRuleViolation) {
        switch violation {
        case .notDefined: self.init(.notFound, violation.message)
        case .invalidTitle, .invalidDescription, .invalidSchedule, .noReporters, .unknownTimeZone, .recipientIsOnlyReporter,
            .invalidDataWindow, .noWorkingDayAfterCutOff:
            self.init(.invalidBody, violation.message, field: violation.field)
        case .periodNotInSchedule(_, _, let field) where field == "effectiveFrom":
            self.init(.invalidBody, violation.message, field: field)
        case .unknownUnit: self.init(.invalidReference, violation.message, field: violation.field)
        default: self.init(.stateConflict, violation.message, field: violation.field)
        }
    }
}

extension APIError {
    /// Maps a refused report command: no report 404, bad text 400, else 409 (including a receipt time
    /// later than the ledger's clock, which conflicts with the ledger's state rather than the request's shape).
    init(_ violation: ReportRuleViolation) {
        switch violation {
        case .noReport: self.init(.notFound, violation.message)
        case .invalidText: self.init(.invalidBody, violation.message, field: violation.field)
        case .alreadyFiled(let reportId):
            self.init(.stateConflict, violation.message + ": /v1/reports/\(reportId)", field: violation.field)
        default: self.init(.stateConflict, violation.message, field: violation.field)
        }
    }
}

extension APIError {
    /// Maps a refused incident command: no incident 404 (and an unknown response id); bad text or list
    /// 400; an unknown unit, survivor or superior 409 `invalid-reference`; everything the incident's phase
    /// refuses 409 `state-conflict` with the phase in `state`.
    init(_ violation: IncidentRuleViolation) {
        switch violation {
        case .notLogged, .unknownResponse: self.init(.notFound, violation.message, field: violation.field)
        case .invalidField: self.init(.invalidBody, violation.message, field: violation.field)
        case .unknownUnit, .mergeTargetNotFound, .notASuperior: self.init(.invalidReference, violation.message, field: violation.field)
        default: self.init(.stateConflict, violation.message, field: violation.field)
        }
        state = violation.state
    }

    /// Maps a refused clock-rule command: no rule 404, bad fields 400, an existing or retired rule 409.
    init(_ violation: ClockRuleViolation) {
        switch violation {
        case .notDefined: self.init(.notFound, violation.message)
        case .invalidField, .notRuled: self.init(.invalidBody, violation.message, field: violation.field)
        case .alreadyDefined, .retired, .clockChanged, .nothingChanges: self.init(.stateConflict, violation.message, field: violation.field)
        }
        state = violation.state
    }
}
