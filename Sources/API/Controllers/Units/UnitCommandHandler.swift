import Events
import Foundation
import Hummingbird
import Projections

/// The shell around the unit decider: authorises, replays idempotent retries, checks `If-Match`,
/// loads the unit and its neighbours, decides, appends, and answers the unit as the write left it.
struct UnitCommandHandler {
    let store: any EventStore
    let models: ReadModels
    let clock: LedgerClock

    func handle<Body>(
        _ command: CommandRequest<Body>, unitId: String, status: HTTPResponse.Status,
        decide: (UnitState, UnitDirectory, inout [AppendCondition]) async throws -> [UnitEvent]
    ) async throws -> Response {
        guard command.actor.role == .admin else {
            throw APIError(.forbidden, "only admin tokens manage units")
        }
        let stream = UnitID.stream(unitId)
        return try await command.once(store: store, replay: { try await answer(unitId, position: $0.positions.last, status: status) }) {
            try await ConflictRetry.run(stream: stream, ifMatch: command.ifMatch) {
                let loader = UnitDirectoryLoader(store: store, models: models)
                let state = try await loader.state(of: stream)
                if state.version == 0, status != .created {
                    throw APIError(.notFound, "no unit \(unitId)")
                }
                if let expected = command.ifMatch, expected != state.version {
                    throw APIError(
                        .versionConflict, "unit \(unitId) is at version \(state.version), not \(expected); read it again",
                        field: "If-Match")
                }
                let directory = try await loader.load(cut: .now)
                // `decide` names what else of the tree it read (a parent and its lineage, a merge
                // target): those must not change before the append commits.
                var conditions: [AppendCondition] = []
                let events = try await decide(state, directory, &conditions)
                let result = try await store.append(
                    AppendRequest(
                        stream: stream, expectedVersion: state.version == 0 ? .noStream : .exact(state.version),
                        events: try events.map { try $0.newEvent() }, metadata: EventMetadata(actor: command.actor),
                        idempotency: command.idempotency, conditions: conditions))
                return try await answer(unitId, position: result.positions.last, status: status)
            }
        }
    }

    /// The unit as its stream now says, shown on the later of today and its last effective date.
    private func answer(_ unitId: String, position: Int64?, status: HTTPResponse.Status) async throws -> Response {
        let loader = UnitDirectoryLoader(store: store, models: models)
        let stream = UnitID.stream(unitId)
        let state = try await loader.state(of: stream)
        let directory = try await loader.load(cut: .now)
        let day = max(clock.today(), state.lastEffectiveFrom ?? clock.today())
        guard let view = directory.unit(unitId, on: day) else { throw APIError(.notFound, "no unit \(unitId)") }
        var response = try JSONResponse.make(UnitResource(view, position: position), status: status)
        response.headers[.eTag] = "\"\(view.version)\""
        if status == .created { response.headers[.location] = "/v1/units/\(unitId)" }
        return response
    }
}

/// The unit tree from its read model, and one unit's state from its own stream.
struct UnitDirectoryLoader {
    let store: any EventStore
    let models: ReadModels

    /// The tree as the log stood at `cut`.
    func load(cut: ReadCut) async throws -> UnitDirectory {
        try await models.units.directory(at: cut)
    }

    /// A unit's state from its own stream, for the decider.
    func state(of stream: StreamID) async throws -> UnitState {
        try UnitState.folding(try await store.readWholeStream(stream))
    }
}

extension UnitDirectory {
    /// The condition that the given units' streams have not moved since the directory was read:
    /// none when there are none.
    func unchanged(_ unitIds: [String]) -> [AppendCondition] {
        guard !unitIds.isEmpty else { return [] }
        return [AppendCondition(streams: Set(unitIds).sorted().map(UnitID.stream), after: position)]
    }

    /// The facts the decider needs about a prospective parent on `date`.
    func neighbourhood(parent: String?, on date: LocalDate) -> UnitNeighbourhood {
        guard let parent else { return UnitNeighbourhood() }
        return UnitNeighbourhood(parent: state(of: parent, on: date), parentLineage: [parent] + lineage(of: parent, on: date))
    }

    /// A unit's status on `date` in the decider's terms; nil when it did not exist.
    func state(of id: String, on date: LocalDate) -> UnitState? {
        guard let view = unit(id, on: date) else { return nil }
        var state = UnitState.initial
        state.unitId = view.id
        state.name = view.name
        state.kind = view.kind
        state.parentId = view.parentId
        state.version = view.version
        switch view.status {
        case .active: state.status = .active
        case .merged: state.status = .merged(into: view.mergedInto ?? "", on: view.endedOn ?? date)
        case .deactivated: state.status = .deactivated(on: view.endedOn ?? date)
        }
        return state
    }
}
