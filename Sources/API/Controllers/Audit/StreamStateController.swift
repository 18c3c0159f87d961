import Events
import Hummingbird

/// `GET /v1/streams/{streamId}/state?version=`: a stream's events folded up to a version, for the
/// stream kinds registered in `StreamStateFolds` (keyed by stream-name prefix).
struct StreamStateController {
    let store: any EventStore
    var folds: StreamStateFolds = .standard

    func register(in group: RouterGroup<LedgerRequestContext>, routes: RouteTable) {
        group.get("streams/:streamId/state", use: state)
        routes.add("GET", "/v1/streams/{streamId}/state")
    }

    /// The state as JSON with the version and position it reflects; 404 for an unknown stream or kind.
    @Sendable func state(_ request: Request, context: LedgerRequestContext) async throws -> StreamStateResource {
        _ = try context.requireActor()
        guard let raw = context.parameters.get("streamId")?.removingPercentEncoding, let stream = StreamID(raw) else {
            throw APIError.invalidParameter("streamId", "'streamId' must match \(StreamID.pattern)")
        }
        let version = try QueryParameters(request).integer("version", in: 1...Int64.max, default: Int64.max)
        guard let fold = folds.fold(for: stream) else {
            throw APIError(
                .notFound, "no stream \(stream): stream kinds with a state are \(folds.folds.map(\.prefix).joined(separator: ", "))")
        }
        let events = try await store.readWholeStream(stream, through: version)
        guard let last = events.last else { throw APIError(.notFound, "stream \(stream) has no events") }
        if version != Int64.max, last.streamVersion < version {
            var error = APIError(.notFound, "stream \(stream) is at version \(last.streamVersion), it has no version \(version)")
            error.field = "version"
            throw error
        }
        let state: JSONValue
        do {
            state = try fold.fold(events)
        } catch {
            throw APIError(.internalError, "stream \(stream) cannot be folded: \(error)")
        }
        return StreamStateResource(
            streamId: stream.rawValue, kind: fold.kind, version: last.streamVersion, position: last.position, state: state)
    }
}

/// A stream's state at a version.
struct StreamStateResource: Codable, Sendable, ResponseEncodable {
    var streamId: String
    var kind: String
    /// The stream version the state reflects.
    var version: Int64
    /// The global position of the event at that version.
    var position: Int64
    var state: JSONValue
}
