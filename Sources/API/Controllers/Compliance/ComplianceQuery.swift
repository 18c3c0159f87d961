import Events
import Projections

/// The log as it stood at a cut, folded once for compliance answers: obligations, the unit tree
/// and every reporting duty. Tables are then computed from it without further reads.
struct ComplianceSnapshot {
    /// The instant statuses are judged at.
    let asOf: Timestamp
    /// The position the log was cut at, when asked.
    let atPosition: Int64?
    let catalog: ObligationCatalog
    let directory: UnitDirectory
    let records: [ReportingDuty: DutyRecord]

    /// The expected units and their rows for one obligation and period.
    struct Table {
        var terms: ObligationTerms
        var deadline: Timestamp
        var dueDate: LocalDate
        var rows: [ComplianceRow]
    }

    /// Which duties an answer shows: those of some periods (a table, a summary, a consolidation),
    /// of every unit or, with `under`, of the units ever under it; or those of one unit and
    /// everything ever under it (a unit's history).
    enum DutyScope {
        case periods([Period], obligations: [String]?, under: String? = nil)
        case subtree(String)
    }

    /// Reads obligations, units and the duties in `scope` inside `cut`, judged at its instant (`now`
    /// when it names none, reading what was recorded up to then). The unit tree and the duties come
    /// from their read models at the cut's position; only the obligation events are folded.
    static func load(
        store: any EventStore, models: ReadModels, scope: DutyScope, cut asked: ReadCut, now: Timestamp
    ) async throws -> ComplianceSnapshot {
        let cut = asked.pinned(at: now)
        let catalog = try await ObligationLoader(store: store, models: models).load(cut: cut)
        let directory = try await UnitDirectoryLoader(store: store, models: models).load(cut: cut)
        let duties: DutyHistory.Scope
        switch scope {
        case .periods(let periods, let obligations, let under):
            duties = .periods(periods, obligations: obligations, units: under.map { Array(directory.everUnder($0)) })
        case .subtree(let unitId): duties = .units(Array(directory.everUnder(unitId)))
        }
        // A question about now reads the current rows; one about the past the versions at its position.
        let records =
            asked.isPast
            ? try await models.duties.records(duties, at: try await models.position(of: cut))
            : try await models.duties.current(duties)
        return ComplianceSnapshot(
            asOf: cut.instant ?? now, atPosition: cut.upToPosition, catalog: catalog, directory: directory, records: records)
    }

    /// One row per expected unit (limited to `under`'s subtree on the due date); 404 when the
    /// obligation did not exist or does not apply to the period.
    func table(obligationId: String, period: Period, under: String?) throws -> Table {
        guard let obligation = catalog.obligation(obligationId), obligation.version > 0 else {
            throw APIError(.notFound, "no obligation \(obligationId) as of \(asOf.rfc3339)\(atPosition.map { " at position \($0)" } ?? "")")
        }
        guard let terms = obligation.terms(for: period), terms.schedule.periodKind == period.kind else {
            throw APIError(.notFound, "obligation \(obligationId) does not apply to \(period)")
        }
        let deadline = try terms.deadline(for: period)
        let dueDate = try terms.schedule.dueDate(for: period)
        let within = under.map { directory.subtree(of: $0, on: dueDate) }
        let expected = obligation.expectedReporters(for: period, directory: directory, within: within) ?? []
        let views = expected.compactMap { directory.unit($0, on: dueDate) }
        var byUnit: [String: DutyRecord] = [:]
        for unit in expected {
            byUnit[unit] = records[ReportingDuty(obligationId: obligationId, unitId: unit, period: period)]
        }
        let rows = ComplianceTable.rows(expected: views, records: byUnit, deadline: deadline, asOf: asOf)
        return Table(terms: terms, deadline: deadline, dueDate: dueDate, rows: rows)
    }
}
