import Events
import Projections

/// What one token may read of a set of events: the one rule behind every route that returns event
/// data (`/v1/events`, `/v1/streams/{id}/events`, `/v1/streams/{id}/state`, `/v1/events/stream`,
/// `/v1/incidents/{id}/history`, the audit routes). Every event keeps its place — position, stream,
/// version, type, time, metadata and hashes — but the data of a stream the token may not read is
/// withheld (`"data": null, "redacted": true`). The verdict is per stream and agrees with the
/// per-resource rules: a confidential report's duty stream is readable by exactly those who may read
/// its text in `/v1/reports/{id}` (`ReportingAccess.mayReadText`); an incident's stream, and the claim
/// of its URL, by exactly those whose incident list shows it (`IncidentReadScope`). Units, obligations
/// and the clock rules are readable by every token; streams of any other kind by admins and auditors only.
struct EventDisclosure: Sendable {
    /// The streams whose data this token may not read; ignored when `seesEverything`.
    private var withheld: Set<StreamID>
    /// True for admins and auditors: nothing is withheld.
    let seesEverything: Bool

    /// A disclosure that withholds nothing.
    static let everything = EventDisclosure(withheld: [], seesEverything: true)

    private init(withheld: Set<StreamID>, seesEverything: Bool) {
        self.withheld = withheld
        self.seesEverything = seesEverything
    }

    /// Whether the token may read the data of events of `stream`.
    func shows(_ stream: StreamID) -> Bool {
        seesEverything || !withheld.contains(stream)
    }

    /// The event as the API shows it to this token: whole, or its envelope only.
    func resource(_ event: RecordedEvent) -> EventResource {
        shows(event.streamId) ? EventResource(event) : EventResource(redacting: event)
    }

    /// Admins and auditors read every event's data (and only they use the audit routes).
    static func seesEverything(_ role: Role) -> Bool {
        role == .admin || role == .auditor
    }

    /// The disclosure of `events` to `actor`: what each stream's verdict needs (duty streams'
    /// confidentiality and recipients, incidents' units, the supervisor's subtree) is read once for
    /// the whole set, by index: one stream per duty or incident in the set, the unit tree at most once.
    static func of(
        _ events: [RecordedEvent], to actor: ActorRef, store: any EventStore, models: ReadModels, clock: LedgerClock
    ) async throws -> EventDisclosure {
        if seesEverything(actor.role) { return .everything }
        var reader = StreamReadScope(actor: actor, store: store, models: models, clock: clock)
        var withheld: Set<StreamID> = []
        var decided: Set<StreamID> = []
        for event in events where decided.insert(event.streamId).inserted {
            if try await !reader.mayRead(event, sample: events) { withheld.insert(event.streamId) }
        }
        return EventDisclosure(withheld: withheld, seesEverything: false)
    }
}

/// Decides stream by stream whether a token (not an admin or auditor) may read its data, reading
/// what it needs lazily and at most once per request or batch.
private struct StreamReadScope {
    let actor: ActorRef
    let store: any EventStore
    let models: ReadModels
    let clock: LedgerClock
    private var incidentScope: IncidentReadScope?
    private var incidents: [String: Bool] = [:]
    /// The obligations, read once (for a supervisor's recipient checks).
    private var catalog: ObligationCatalog?

    init(actor: ActorRef, store: any EventStore, models: ReadModels, clock: LedgerClock) {
        self.actor = actor
        self.models = models
        self.store = store
        self.clock = clock
    }

    /// Whether the token may read the stream of `event`; `sample` holds events of the request that
    /// may answer the question without a read (a duty's filing, a claim's incident).
    mutating func mayRead(_ event: RecordedEvent, sample: [RecordedEvent]) async throws -> Bool {
        let stream = event.streamId
        let name = stream.rawValue
        if name.hasPrefix("unit-") || name.hasPrefix("obligation-") || stream == ClockRuleEvent.stream { return true }
        if name.hasPrefix(IncidentEvent.streamPrefix) {
            return try await mayReadIncident(String(name.dropFirst(IncidentEvent.streamPrefix.count)))
        }
        if name.hasPrefix(IncidentURLClaimed.streamPrefix) {
            guard let claim = try await claimedIncident(stream, sample: sample) else { return false }
            return try await mayReadIncident(claim)
        }
        if name.hasPrefix("duty:") {
            guard let duty = DutyRecord.duty(of: event) else { return false }
            return try await mayReadDuty(duty, stream: stream, sample: sample)
        }
        return false
    }

    /// A duty stream: readable unless the report is confidential and the token may not read its text.
    private mutating func mayReadDuty(_ duty: ReportingDuty, stream: StreamID, sample: [RecordedEvent]) async throws -> Bool {
        // Its own unit's officer reads it whatever it holds: no read needed.
        if actor.role == .unitOfficer, actor.unitId == duty.unitId { return true }
        var filing = sample.first { $0.streamId == stream && $0.type == ReportFiled.eventType }
        if filing == nil { filing = try await store.readWholeStream(stream).first { $0.type == ReportFiled.eventType } }
        guard let filing else { return true }
        let confidential = (try? EventDecoder().decode(filing, as: ReportFiled.self).confidential) ?? true
        guard confidential else { return true }
        var terms: ObligationTerms?
        if actor.role == .supervisor {
            if catalog == nil { catalog = try await ObligationLoader(store: store, models: models).load(cut: .now) }
            terms = catalog?.obligation(duty.obligationId)?.terms(for: duty.period)
        }
        return ReportingAccess.mayReadText(actor, duty, terms, confidential: true)
    }

    /// An incident's stream: readable when the incident concerns a unit the token's incident list shows.
    private mutating func mayReadIncident(_ incidentId: String) async throws -> Bool {
        if let known = incidents[incidentId] { return known }
        let scope = try await readScope()
        var visible = true
        if let units = scope.visible {
            let state = try await IncidentLoader(store: store, models: models).state(incidentId)
            visible = state.concernedUnits.contains(where: units.contains)
        }
        incidents[incidentId] = visible
        return visible
    }

    /// The incident a URL-claim stream names, from the request's events or the stream's first event.
    private func claimedIncident(_ stream: StreamID, sample: [RecordedEvent]) async throws -> String? {
        var first = sample.first { $0.streamId == stream && $0.type == IncidentURLClaimed.eventType }
        if first == nil { first = try await store.readStream(stream, fromVersion: 1, limit: 1).first }
        guard let first else { return nil }
        return try? EventDecoder().decode(first, as: IncidentURLClaimed.self).incidentId
    }

    /// The token's incident scope today, with the unit tree folded only for a supervisor.
    private mutating func readScope() async throws -> IncidentReadScope {
        if let incidentScope { return incidentScope }
        let directory =
            actor.role == .supervisor ? try await UnitDirectoryLoader(store: store, models: models).load(cut: .now) : UnitDirectory()
        // A supervisor or officer bound to no unit sees no incident (the list answers it 403).
        let scope =
            (try? IncidentReadScope.of(actor, directory: directory, on: clock.date(of: clock.now())))
            ?? IncidentReadScope(visible: [])
        incidentScope = scope
        return scope
    }
}
