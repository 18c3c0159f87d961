import Events
import Foundation
import Hummingbird
import Projections

/// The shell around the report decider: loads the duty, the obligation's terms and the unit tree,
/// authorises, replays idempotent retries (`CommandRequest.once`), decides, appends to the duty stream
/// (again on fresh state after a race the client did not ask about, `ConflictRetry`) and answers the report.
struct ReportCommandHandler {
    let store: any EventStore
    let models: ReadModels
    let clock: LedgerClock

    /// What a command needs to know before deciding.
    struct Facts {
        var state: DutyState
        var terms: ObligationTerms
        var dutyTerms: DutyTerms
        /// What the decision read besides the duty's stream: the unit tree and the obligation
        /// catalog as they stood, which must not have changed when the filing commits.
        var conditions: [AppendCondition]
    }

    func handle<Body>(
        _ command: CommandRequest<Body>, duty: ReportingDuty, status: HTTPResponse.Status,
        authorize: (ActorRef, Facts) -> Bool, decide: (Facts) throws -> ReportCommand
    ) async throws -> Response {
        guard let stream = duty.streamId else { throw APIError(.invalidBody, "the report's ids are too long", field: "unitId") }
        return try await command.once(
            store: store, replay: { try await answer(duty, actor: command.actor, position: $0.positions.last, status: status) }
        ) {
            try await ConflictRetry.run(stream: stream, ifMatch: command.ifMatch) {
                let facts = try await facts(duty, stream: stream, creating: status == .created)
                guard authorize(command.actor, facts) else {
                    throw APIError(.forbidden, "this token may not do that for unit \(duty.unitId) under obligation \(duty.obligationId)")
                }
                if let expected = command.ifMatch, expected != facts.state.version {
                    throw APIError(.versionConflict, "the report is at version \(facts.state.version), not \(expected)", field: "If-Match")
                }
                let events = try ReportDecider.decide(
                    try decide(facts), duty: duty, state: facts.state, terms: facts.dutyTerms, now: clock.now())
                let result = try await store.append(
                    AppendRequest(
                        stream: stream, expectedVersion: facts.state.version == 0 ? .noStream : .exact(facts.state.version),
                        events: try events.map { try $0.newEvent() }, metadata: EventMetadata(actor: command.actor),
                        idempotency: command.idempotency, conditions: facts.conditions))
                return try await answer(
                    duty, actor: command.actor, position: result.positions.last, status: status, terms: facts.terms)
            }
        }
    }

    /// The duty's state, the obligation's terms for its period and whether the unit is expected.
    /// Commands on an existing report (`creating == false`) answer 404 when its obligation or period does not exist.
    func facts(_ duty: ReportingDuty, stream: StreamID, creating: Bool) async throws -> Facts {
        let catalog = try await ObligationLoader(store: store, models: models).load(cut: .now)
        guard let obligation = catalog.obligation(duty.obligationId), obligation.version > 0 else {
            if !creating { throw APIError(.notFound, "no report \(ReportID.make(duty))") }
            throw APIError(.invalidReference, "no obligation \(duty.obligationId)", field: "obligationId")
        }
        guard let terms = obligation.terms(for: duty.period), terms.schedule.periodKind == duty.period.kind else {
            if !creating { throw APIError(.notFound, "no report \(ReportID.make(duty))") }
            let kind = obligation.current?.terms.schedule.periodKind.rawValue ?? "other"
            throw APIError(
                .stateConflict, "obligation \(duty.obligationId) (\(kind) periods) does not apply to \(duty.period)", field: "period")
        }
        let directory = try await UnitDirectoryLoader(store: store, models: models).load(cut: .now)
        let expected = obligation.expectedReporters(for: duty.period, directory: directory) ?? []
        let state = try DutyState.folding(try await store.readWholeStream(stream))
        let registered = directory.unit(duty.unitId, on: .latest)?.activeFrom
        return Facts(
            state: state, terms: terms,
            dutyTerms: DutyTerms(
                applies: expected.contains(duty.unitId), confidentialAllowed: terms.confidentialAllowed,
                windowOpensAt: terms.dataWindowOpens(for: duty.period),
                unitExistsFrom: registered?.instant(at: .midnight, in: terms.zone)),
            conditions: Self.conditions(
                for: duty, directory: directory, catalog: catalog, dueDate: try? terms.schedule.dueDate(for: duty.period)))
    }

    /// What of the tree and the catalog a filing's decision depends on, to be unchanged when it
    /// commits: the unit, its ancestors (on the due date and now: who is expected follows them) and
    /// the units merged into it (whose duties it inherits), and every obligation.
    static func conditions(
        for duty: ReportingDuty, directory: UnitDirectory, catalog: ObligationCatalog, dueDate: LocalDate?
    ) -> [AppendCondition] {
        var units = [duty.unitId] + directory.lineage(of: duty.unitId, on: .latest)
        if let dueDate { units += directory.lineage(of: duty.unitId, on: dueDate) }
        units += directory.unitsInAnyOrder(on: .latest).filter { $0.mergedInto == duty.unitId }.map(\.id)
        return directory.unchanged(units) + [AppendCondition(types: ObligationEvent.eventTypes, after: catalog.position)]
    }

    /// The report as its stream now says; `terms` are the obligation's terms for the period when the
    /// caller already loaded them (a decided command), else they are read.
    func answer(
        _ duty: ReportingDuty, actor: ActorRef, position: Int64?, status: HTTPResponse.Status, terms known: ObligationTerms? = nil
    ) async throws -> Response {
        let events = try await store.readWholeStream(duty.streamId!)
        let view = try ReportView.fold(duty, events)
        var terms = known
        if terms == nil {
            terms = try await ObligationLoader(store: store, models: models).load(cut: .now).obligation(duty.obligationId)?.terms(
                for: duty.period)
        }
        let show = ReportingAccess.mayReadText(actor, duty, terms, confidential: view.state.confidential)
        var response = try JSONResponse.make(ReportResource(view, showText: show, position: position), status: status)
        response.headers[.eTag] = "\"\(view.state.version)\""
        if status == .created { response.headers[.location] = "/v1/reports/\(ReportID.make(duty))" }
        return response
    }
}
