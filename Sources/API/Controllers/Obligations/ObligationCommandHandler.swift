import Events
import Foundation
import Hummingbird
import Projections

/// The shell around the obligation decider: authorises, replays idempotent retries, checks `If-Match`,
/// loads the obligation and the known units, decides at the clock's `now`, appends, and answers the
/// obligation as the write left it.
struct ObligationCommandHandler {
    let store: any EventStore
    let models: ReadModels
    let clock: LedgerClock

    func handle<Body>(
        _ command: CommandRequest<Body>, obligationId: String, status: HTTPResponse.Status,
        decide: (ObligationState, ObligationFacts) throws -> [ObligationEvent]
    ) async throws -> Response {
        guard command.actor.role == .admin else {
            throw APIError(.forbidden, "only admin tokens manage obligations")
        }
        let stream = ObligationID.stream(obligationId)
        return try await command.once(
            store: store, replay: { try await answer(obligationId, position: $0.positions.last, status: status) }
        ) {
            try await ConflictRetry.run(stream: stream, ifMatch: command.ifMatch) {
                let state = try await ObligationLoader(store: store, models: models).state(of: stream)
                if state.version == 0, status != .created {
                    throw APIError(.notFound, "no obligation \(obligationId)")
                }
                if let expected = command.ifMatch, expected != state.version {
                    throw APIError(
                        .versionConflict,
                        "obligation \(obligationId) is at version \(state.version), not \(expected); read it again",
                        field: "If-Match")
                }
                let directory = try await UnitDirectoryLoader(store: store, models: models).load(cut: .now)
                let facts = ObligationFacts(now: clock.now(), knownUnitIds: Set(directory.unitsInAnyOrder(on: .latest).map(\.id)))
                let events = try decide(state, facts)
                let result = try await store.append(
                    AppendRequest(
                        stream: stream, expectedVersion: state.version == 0 ? .noStream : .exact(state.version),
                        events: try events.map { try $0.newEvent() }, metadata: EventMetadata(actor: command.actor),
                        idempotency: command.idempotency))
                return try await answer(obligationId, position: result.positions.last, status: status)
            }
        }
    }

    /// The obligation as its stream now says.
    private func answer(_ obligationId: String, position: Int64?, status: HTTPResponse.Status) async throws -> Response {
        let state = try await ObligationLoader(store: store, models: models).state(of: ObligationID.stream(obligationId))
        guard state.current != nil else { throw APIError(.notFound, "no obligation \(obligationId)") }
        var response = try JSONResponse.make(ObligationResource(state, position: position), status: status)
        response.headers[.eTag] = "\"\(state.version)\""
        if status == .created { response.headers[.location] = "/v1/obligations/\(obligationId)" }
        return response
    }
}

/// The obligation catalog from its read model, and one obligation's state from its own stream.
struct ObligationLoader {
    let store: any EventStore
    let models: ReadModels

    /// The catalog as the log stood at `cut`.
    func load(cut: ReadCut) async throws -> ObligationCatalog {
        try await models.obligations.catalog(at: cut)
    }

    /// An obligation's state from its own stream, for the decider.
    func state(of stream: StreamID) async throws -> ObligationState {
        try ObligationState.folding(try await store.readWholeStream(stream))
    }
}
