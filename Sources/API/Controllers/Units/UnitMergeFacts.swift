import Events
import Projections

/// What the unit decider must know before a merge, beyond the two units: the merging unit's children,
/// and the reports it filed (or excusals it was granted) whose duties the merge would pass to the
/// surviving unit. Read from the unit tree, the obligations and, for each period concerned, that one
/// duty stream — never from a fold of every report.
struct UnitMergeFacts {
    let store: any EventStore
    let models: ReadModels

    /// How far either side of the merge date periods are looked at: a deadline falls at most a year
    /// after its period starts, and filings for periods up to a year ahead are looked for.
    static let margin = 400

    /// The neighbourhood of a merge of `unitId` into `target` from `effectiveFrom`, and what the
    /// merge's append must find unchanged: the obligations and the duty streams read for it.
    func neighbourhood(
        merging unitId: String, into target: String, from effectiveFrom: LocalDate, directory: UnitDirectory, today: LocalDate
    ) async throws -> (UnitNeighbourhood, [AppendCondition]) {
        let children = Set(
            (directory.units(on: effectiveFrom) + directory.units(on: .latest))
                .filter { $0.parentId == unitId && $0.status == .active }.map(\.id))
        let (counted, conditions) = try await countedDuties(of: unitId, from: effectiveFrom, directory: directory, today: today)
        let neighbourhood = UnitNeighbourhood(
            mergeTarget: directory.state(of: target, on: effectiveFrom), children: children.sorted(), countedDuties: counted)
        return (neighbourhood, conditions)
    }

    /// The unit's filed or excused duties whose periods fall due on or after `effectiveFrom`, under any
    /// obligation that expects it (the duties a merge from that date would hand on), and the
    /// conditions that keep them true until the merge commits: no obligation event after the catalog
    /// read, no event on a duty stream read after the position the reads started at.
    func countedDuties(
        of unitId: String, from effectiveFrom: LocalDate, directory: UnitDirectory, today: LocalDate
    ) async throws -> ([CountedDuty], [AppendCondition]) {
        let head = try await store.headPosition()
        let catalog = try await ObligationLoader(store: store, models: models).load(cut: .now)
        var streams: [StreamID] = []
        let start = effectiveFrom.adding(days: -Self.margin) ?? .earliest
        let end = max(today, effectiveFrom).adding(days: Self.margin) ?? .latest
        var counted: [CountedDuty] = []
        for obligation in catalog.obligations {
            guard let obligationId = obligation.obligationId else { continue }
            var periods: Set<Period> = []
            for version in obligation.versions {
                let schedule = version.terms.schedule
                do {
                    periods.formUnion(
                        try schedule.periods(from: schedule.period(containing: start), through: schedule.period(containing: end)))
                } catch {
                    throw APIError(
                        .invalidBody, "effectiveFrom \(effectiveFrom) is too far back to check \(obligationId)'s reports",
                        field: "effectiveFrom")
                }
            }
            for period in periods.sorted() {
                let duty = ReportingDuty(obligationId: obligationId, unitId: unitId, period: period)
                guard let terms = obligation.terms(for: period), terms.schedule.periodKind == period.kind,
                    let due = try? terms.schedule.dueDate(for: period), due >= effectiveFrom,
                    obligation.expectedReporters(for: period, directory: directory)?.contains(unitId) == true,
                    let stream = duty.streamId
                else { continue }
                streams.append(stream)
                let state = try DutyState.folding(try await store.readWholeStream(stream))
                if state.reportId != nil || state.excused { counted.append(CountedDuty(reportId: ReportID.make(duty), dueDate: due)) }
            }
        }
        var conditions = [AppendCondition(types: ObligationEvent.eventTypes, after: catalog.position)]
        if !streams.isEmpty { conditions.append(AppendCondition(streams: streams, after: head)) }
        return (counted, conditions)
    }
}
