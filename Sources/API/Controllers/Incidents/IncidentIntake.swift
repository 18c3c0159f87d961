import Events
import Hummingbird
import Projections

/// `POST /v1/incidents`: logs a new incident, or, when the item is already known, adds it as a sighting
/// of the existing incident (200) instead of opening a duplicate.
///
/// Dedupe is race-free through the log itself: a URL-bearing log first claims its canonical URL by
/// appending `IncidentURLClaimed` to the URL's claim stream with `expectedVersion: .noStream`, for an
/// incident id derived from the URL alone. The writer that wins logs the incident (again `.noStream`);
/// every other writer finds the claim and adds a sighting to the claimed incident, or to the incident it
/// was merged into. Sightings with a new URL claim it for their incident, so a later log of that URL is
/// deduplicated too. An explicit `duplicateOf` adds a sighting to that incident (following merges).
struct IncidentIntake {
    let store: any EventStore
    let models: ReadModels
    let clock: LedgerClock

    var handler: IncidentCommandHandler { IncidentCommandHandler(store: store, models: models, clock: clock) }
    var loader: IncidentLoader { IncidentLoader(store: store, models: models) }

    /// Claim rounds before giving up (each round loses only to a writer that made progress).
    static let rounds = 5

    func log(_ command: CommandRequest<LogIncidentBody>) async throws -> Response {
        let draft = try command.body.draft()
        guard IncidentAccess.mayLog(command.actor) else { throw APIError(.forbidden, "only monitors and admins log incidents") }
        let caller = IncidentCommandHandler.Caller(actor: command.actor, idempotency: command.idempotency, ifMatch: nil)
        return try await command.once(store: store, replay: replayed) {
            try await intake(draft, command, caller: caller)
        }
    }

    /// Logs the draft, or adds it as a sighting of the incident that already has its URL (or `duplicateOf`).
    private func intake(
        _ draft: IncidentDraft, _ command: CommandRequest<LogIncidentBody>, caller: IncidentCommandHandler.Caller
    ) async throws -> Response {
        if let duplicateOf = command.body.duplicateOf {
            guard IncidentID.isValid(duplicateOf), let target = try await loader.survivor(of: duplicateOf) else {
                throw APIError(.invalidReference, "no incident \(duplicateOf)", field: "duplicateOf")
            }
            return try await sighting(draft.sighting, on: target.incidentId, caller: caller)
        }
        try await checkBeforeClaiming(draft)
        guard let url = draft.url, let canonical = CanonicalURL(url) else {
            let id = ResourceID.make(for: command.idempotency, kind: "incident")
            return try await create(draft, id: id, caller: caller)
        }
        for _ in 0..<Self.rounds {
            if let claim = try await loader.claim(canonical) {
                if let target = try await loader.survivor(of: claim.incidentId) {
                    return try await sighting(draft.sighting, on: target.incidentId, caller: caller)
                }
                // Claimed, but the claimant's log never landed: log it under the claimed id now.
                if let response = try await createUnlessTaken(draft, id: claim.incidentId, caller: caller) { return response }
                continue
            }
            let id = IncidentLoader.incidentId(for: canonical)
            guard try await loader.claim(canonical, for: id, actor: command.actor, now: clock.now()) else { continue }
            if let response = try await createUnlessTaken(draft, id: id, caller: caller) { return response }
        }
        throw APIError(.unavailable, "the incident for this URL is being written by another request; retry")
    }

    /// Decides the log once against an empty incident before anything is written, so a refusal (an
    /// unknown unit, a time in the future) leaves no URL claim behind.
    private func checkBeforeClaiming(_ draft: IncidentDraft) async throws {
        let directory = try await UnitDirectoryLoader(store: store, models: models).load(cut: .now)
        let active = directory.activeUnitIds(on: clock.today())
        _ = try IncidentDecider.decide(.log(draft), state: .initial, context: IncidentContext(activeUnitIds: active), now: clock.now())
    }

    /// Logs the draft as incident `id` (201); nil when the stream exists already.
    private func createUnlessTaken(_ draft: IncidentDraft, id: String, caller: IncidentCommandHandler.Caller) async throws -> Response? {
        do {
            return try await create(draft, id: id, caller: caller)
        } catch EventStoreError.wrongExpectedVersion {
            return nil
        } catch let violation as IncidentRuleViolation {
            if case .alreadyLogged = violation { return nil }
            throw violation
        }
    }

    private func create(_ draft: IncidentDraft, id: String, caller: IncidentCommandHandler.Caller) async throws -> Response {
        var draft = draft
        draft.incidentId = id
        let (_, result) = try await handler.execute(caller, incidentId: id, authorize: { _, _ in true }, decide: { _ in .log(draft) })
        if result.replayed { return try await replayed(result) }
        return try await handler.answer(id, position: result.positions.last, status: .created)
    }

    /// Adds the item as a sighting of `incidentId` and answers that incident with 200.
    func sighting(_ draft: SightingDraft, on incidentId: String, caller: IncidentCommandHandler.Caller) async throws -> Response {
        let (_, result) = try await handler.execute(
            caller, incidentId: incidentId, authorize: { actor, _ in IncidentAccess.mayLog(actor) }, decide: { _ in .addSighting(draft) },
            beforeAppend: claimURL(for: incidentId, actor: caller.actor))
        if result.replayed { return try await replayed(result) }
        return try await handler.answer(incidentId, position: result.positions.last, status: .ok, location: true)
    }

    /// Before a sighting is appended: claims its URL for the incident when no incident has it yet.
    func claimURL(for incidentId: String, actor: ActorRef) -> (IncidentCommand, [IncidentEvent]) async throws -> Void {
        { _, events in
            for case .sightingAdded(let added) in events {
                guard let text = added.canonicalUrl, let canonical = CanonicalURL(text) else { continue }
                if try await loader.claim(canonical) == nil {
                    _ = try await loader.claim(canonical, for: incidentId, actor: actor, now: added.addedAt)
                }
            }
        }
    }

    /// The answer to a retried log: the incident its first attempt wrote to, 201 if it created it. A log
    /// whose append the store recognised as a twin's (`replayed`) answers the same way.
    private func replayed(_ result: AppendResult) async throws -> Response {
        guard let position = result.positions.last,
            let event = try await store.readAll(after: position - 1, limit: 1, filter: .all).events.first,
            let incident = try IncidentEvent(event)
        else { throw APIError(.internalError, "the retried request's event could not be read") }
        let created = event.type == IncidentLogged.eventType
        return try await handler.answer(incident.incidentId, position: position, status: created ? .created : .ok, location: !created)
    }
}
