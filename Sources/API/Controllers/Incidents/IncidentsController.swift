import Events
import Hummingbird
import Projections

/// Incidents (`/v1/incidents`): log with dedupe, read one with its clocks and history, and every step
/// of the lifecycle. The list and summary reads live in their own controllers.
struct IncidentsController {
    let store: any EventStore
    let models: ReadModels
    let clock: LedgerClock

    func register(in group: RouterGroup<LedgerRequestContext>, routes: RouteTable) {
        group.post("incidents", use: log)
        group.get("incidents/:incidentId", use: show)
        group.get("incidents/:incidentId/history", use: history)
        group.post("incidents/:incidentId/sightings", use: addSighting)
        group.post("incidents/:incidentId/assignments", use: assign)
        group.post("incidents/:incidentId/escalations", use: escalate)
        group.post("incidents/:incidentId/verification", use: verify)
        group.post("incidents/:incidentId/responses", use: respond)
        group.post("incidents/:incidentId/responses/:responseId/correction", use: recordCorrection)
        group.post("incidents/:incidentId/resolution", use: resolve)
        group.post("incidents/:incidentId/reopen", use: reopen)
        group.post("incidents/:incidentId/close", use: close)
        group.post("incidents/:incidentId/merge", use: merge)
        routes.add("POST", "/v1/incidents")
        routes.add("GET", "/v1/incidents/{incidentId}")
        routes.add("GET", "/v1/incidents/{incidentId}/history")
        for step in ["sightings", "assignments", "escalations", "verification", "responses", "resolution", "reopen", "close", "merge"] {
            routes.add("POST", "/v1/incidents/{incidentId}/\(step)")
        }
        routes.add("POST", "/v1/incidents/{incidentId}/responses/{responseId}/correction")
    }

    var handler: IncidentCommandHandler { IncidentCommandHandler(store: store, models: models, clock: clock) }

    /// `POST /v1/incidents`
    @Sendable func log(_ request: Request, context: LedgerRequestContext) async throws -> Response {
        let command = try await CommandRequest<LogIncidentBody>.read(request, context: context, requireIfMatch: false)
        return try await IncidentIntake(store: store, models: models, clock: clock).log(command)
    }

    /// `GET /v1/incidents/{incidentId}?asOf=&atPosition=`
    @Sendable func show(_ request: Request, context: LedgerRequestContext) async throws -> Response {
        _ = try context.requireActor()
        let incidentId = try Self.incidentId(context)
        let cut = try await QueryParameters(request).readCut(store: store, now: clock.now())
        let state = try await IncidentLoader(store: store, models: models).state(incidentId, cut: cut)
        guard state.exists else { throw APIError(.notFound, "no incident \(incidentId)\(cut.suffix)") }
        return try await IncidentView(store: store, models: models, clock: clock).response(
            state, cut: cut, position: nil, status: .ok, location: false)
    }

    /// `GET /v1/incidents/{incidentId}/history?asOf=&atPosition=`: every event of the incident with
    /// position, type, time and actor (those inside the cut, when one is given); the data is withheld
    /// from a token whose incident list would not show the incident (`EventDisclosure`).
    @Sendable func history(_ request: Request, context: LedgerRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let incidentId = try Self.incidentId(context)
        let stream = IncidentEvent.streamId(of: incidentId)!
        let cut = try await QueryParameters(request).readCut(store: store, now: clock.now())
        let events = try await store.readWholeStream(stream).filter(cut.contains)
        let shown = try await EventDisclosure.of(events, to: actor, store: store, models: models, clock: clock).shows(stream)
        let entries = events.map {
            IncidentHistoryEntry(
                position: $0.position, version: $0.streamVersion, type: $0.type, recordedAt: $0.recordedAt.rfc3339,
                actor: $0.metadata.actor, data: shown ? $0.data : .null, redacted: !shown)
        }
        guard !entries.isEmpty else { throw APIError(.notFound, "no incident \(incidentId)\(cut.suffix)") }
        var response = try JSONResponse.make(IncidentHistory(incidentId: incidentId, events: entries), status: .ok)
        response.headers[.eTag] = "\"\(entries.count)\""
        return response
    }

    static func incidentId(_ context: LedgerRequestContext) throws -> String {
        guard let id = context.parameters.get("incidentId"), IncidentID.isValid(id) else {
            throw APIError.invalidParameter("incidentId", "'incidentId' must match \(IncidentID.pattern)")
        }
        return id
    }
}
