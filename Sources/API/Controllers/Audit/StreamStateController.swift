import Events
import Hummingbird
import Projections

/// `GET /v1/streams/{streamId}/state?version=`: a stream's events folded up to a version, for the
/// stream kinds registered in `StreamStateFolds` (keyed by stream-name prefix). The state is made of
/// the stream's data, so a token that may not read the stream (`EventDisclosure`) gets `state: null`
/// and `redacted: true` with the version and position.
struct StreamStateController {
    let store: any EventStore
    let models: ReadModels
    let clock: LedgerClock
    var folds: StreamStateFolds = .standard

    func register(in group: RouterGroup<LedgerRequestContext>, routes: RouteTable) {
        group.get("streams/:streamId/state", use: state)
        routes.add("GET", "/v1/streams/{streamId}/state")
    }

    /// The state as JSON with the version and position it reflects; 404 for an unknown stream or kind.
    @Sendable func state(_ request: Request, context: LedgerRequestContext) async throws -> StreamStateResource {
        let actor = try context.requireActor()
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
        guard try await EventDisclosure.of(events, to: actor, store: store, models: models, clock: clock).shows(stream) else {
            return StreamStateResource(
                streamId: stream.rawValue, kind: fold.kind, version: last.streamVersion, position: last.position, state: .null,
                redacted: true)
        }
        let state: JSONValue
        do {
            state = try fold.fold(events)
        } catch {
            throw APIError(.internalError, "stream \(stream) cannot be folded: \(error)")
        }
        return StreamStateResource(
            streamId: stream.rawValue, kind: fold.kind, version: last.streamVersion, position: last.position, state: state,
            redacted: false)
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
    /// The folded state; `null` when redacted.
    var state: JSONValue
    /// True when the state is withheld from this token.
    var redacted: Bool
}
