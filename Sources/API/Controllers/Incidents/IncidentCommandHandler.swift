import Events
import Foundation
import Hummingbird
import Projections

/// The shell around the incident decider: loads the incident and the unit tree, authorises, checks
/// If-Match, replays idempotent retries (`CommandRequest.once`), decides, appends with the version it
/// read (re-deciding on fresh state after a concurrent write when the client sent no If-Match,
/// `ConflictRetry`) and answers the incident.
struct IncidentCommandHandler {
    let store: any EventStore
    let models: ReadModels
    let clock: LedgerClock

    /// What authorisation sees.
    struct Facts {
        var state: IncidentState
        var directory: UnitDirectory
        var today: LocalDate
        /// The survivor of a merge, when the command is one.
        var mergeTarget: IncidentState?
    }

    /// Who asks, with the request's concurrency and retry headers.
    struct Caller {
        var actor: ActorRef
        var idempotency: IdempotencyKey?
        var ifMatch: Int64?

        init<Body>(_ command: CommandRequest<Body>) {
            actor = command.actor
            idempotency = command.idempotency
            ifMatch = command.ifMatch
        }

        init(actor: ActorRef, idempotency: IdempotencyKey?, ifMatch: Int64?) {
            self.actor = actor
            self.idempotency = idempotency
            self.ifMatch = ifMatch
        }
    }

    var loader: IncidentLoader { IncidentLoader(store: store, models: models) }

    /// Runs a command on an existing incident and answers it with 200; `beforeAppend` runs once the
    /// events are decided (a sighting claims its URL there).
    func handle<Body>(
        _ command: CommandRequest<Body>, incidentId: String, authorize: @escaping (ActorRef, Facts) -> Bool,
        decide: @escaping (Facts) throws -> IncidentCommand,
        beforeAppend: (IncidentCommand, [IncidentEvent]) async throws -> Void = { _, _ in }
    ) async throws -> Response {
        try await command.once(store: store, replay: { try await answer(incidentId, position: $0.positions.last, status: .ok) }) {
            let (_, result) = try await execute(
                Caller(command), incidentId: incidentId, authorize: authorize, decide: decide, beforeAppend: beforeAppend)
            return try await answer(incidentId, position: result.positions.last, status: .ok)
        }
    }

    /// Loads, authorises, decides and appends; returns the new state and the append's result.
    /// A missing incident is a 404 unless the command logs it. A log that loses the race to create the
    /// stream is decided again and refused as already logged (the intake turns that into a sighting).
    func execute(
        _ caller: Caller, incidentId: String, authorize: (ActorRef, Facts) -> Bool, decide: (Facts) throws -> IncidentCommand,
        beforeAppend: (IncidentCommand, [IncidentEvent]) async throws -> Void = { _, _ in }
    ) async throws -> (IncidentState, AppendResult) {
        guard let stream = IncidentEvent.streamId(of: incidentId) else {
            throw APIError.invalidParameter("incidentId", "'incidentId' must match \(IncidentID.pattern) (and not be 'summary')")
        }
        return try await ConflictRetry.run(stream: stream, ifMatch: caller.ifMatch) {
            let facts = try await facts(incidentId)
            let command = try decide(facts)
            if case .log = command {} else if !facts.state.exists { throw APIError(.notFound, "no incident \(incidentId)") }
            var withTarget = facts
            if case .merge(let into, _) = command, into != incidentId, IncidentID.isValid(into) {
                withTarget.mergeTarget = try await loader.state(into)
            }
            guard authorize(caller.actor, withTarget) else {
                throw APIError(.forbidden, "this token may not \(command.name) incident \(incidentId)")
            }
            if let expected = caller.ifMatch, expected != facts.state.version {
                throw APIError(.versionConflict, "the incident is at version \(facts.state.version), not \(expected)", field: "If-Match")
            }
            let context = IncidentContext(
                activeUnitIds: facts.directory.activeUnitIds(on: facts.today),
                superiorUnitIds: facts.state.assignedUnitId.map { facts.directory.lineage(of: $0, on: facts.today) } ?? [],
                mergeTarget: withTarget.mergeTarget)
            let now = clock.now()
            let events = try IncidentDecider.decide(command, state: facts.state, context: context, now: now)
            try await beforeAppend(command, events)
            let result = try await store.append(
                AppendRequest(
                    stream: stream, expectedVersion: facts.state.version == 0 ? .noStream : .exact(facts.state.version),
                    events: try events.map { try $0.newEvent() }, metadata: EventMetadata(actor: caller.actor),
                    idempotency: caller.idempotency))
            return (events.reduce(facts.state, IncidentState.evolve), result)
        }
    }

    /// The incident's state and the unit tree today.
    func facts(_ incidentId: String) async throws -> Facts {
        let state = try await loader.state(incidentId)
        let directory = try await UnitDirectoryLoader(store: store, models: models).load(cut: .now)
        return Facts(state: state, directory: directory, today: clock.today(), mergeTarget: nil)
    }

    /// The incident as its stream now says, with clocks as of now.
    func answer(_ incidentId: String, position: Int64?, status: HTTPResponse.Status, location: Bool = false) async throws -> Response {
        let state = try await loader.state(incidentId)
        guard state.exists else { throw APIError(.notFound, "no incident \(incidentId)") }
        return try await IncidentView(store: store, models: models, clock: clock).response(
            state, cut: .now, position: position, status: status, location: location)
    }
}

/// Builds the incident resource: absorbed ids, clocks from the rule book, ETag and Location.
struct IncidentView {
    let store: any EventStore
    let models: ReadModels
    let clock: LedgerClock

    func response(_ state: IncidentState, cut: ReadCut, position: Int64?, status: HTTPResponse.Status, location: Bool) async throws
        -> Response
    {
        var state = state
        state.absorbedIds = try await IncidentLoader(store: store, models: models).absorbed(into: state.incidentId, cut: cut)
        let at = cut.instant ?? clock.now()
        let rules = try await ClockRuleBookLoader(store: store).load(cut: cut)
        let clocks = IncidentClocks.evaluate(state, rules: rules, at: at, timeZone: clock.timeZone)
        var response = try JSONResponse.make(IncidentResource(state, clocks: clocks, at: at, position: position), status: status)
        response.headers[.eTag] = "\"\(state.version)\""
        let path = "/v1/incidents/\(state.incidentId)"
        if status == .created { response.headers[.location] = path } else if location { response.headers[.contentLocation] = path }
        return response
    }
}
