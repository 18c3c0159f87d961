import Events
import Projections

/// Builds compliance answers from the log as it stood at an instant: the obligation's terms, the
/// unit tree on the period's due date, and the duty streams of that obligation and period.
struct ComplianceQuery {
    let store: any EventStore

    /// The expected units and their rows for one obligation and period, limited to `under`'s subtree.
    struct Table {
        var terms: ObligationTerms
        var deadline: Timestamp
        var directory: UnitDirectory
        var dueDate: LocalDate
        var rows: [ComplianceRow]
    }

    func table(obligationId: String, period: Period, under: String?, asOf: Timestamp) async throws -> Table {
        let catalog = try await ObligationLoader(store: store).load(asOf: asOf)
        guard let obligation = catalog.obligation(obligationId), obligation.version > 0 else {
            throw APIError(.notFound, "no obligation \(obligationId) as of \(asOf)")
        }
        guard let terms = obligation.terms(for: period), terms.schedule.periodKind == period.kind else {
            throw APIError(.notFound, "obligation \(obligationId) does not apply to \(period)")
        }
        let deadline = try terms.deadline(for: period)
        let dueDate = try terms.schedule.dueDate(for: period)
        let directory = try await UnitDirectoryLoader(store: store).load(asOf: asOf)
        var expected = obligation.expectedReporters(for: period, directory: directory) ?? []
        if let under {
            let subtree = directory.subtree(of: under, on: dueDate)
            expected = expected.filter(subtree.contains)
        }
        let views = expected.compactMap { directory.unit($0, on: dueDate) }
        let records = try await dutyRecords(obligationId: obligationId, period: period, asOf: asOf)
        let rows = ComplianceTable.rows(expected: views, records: records, deadline: deadline, asOf: asOf)
        return Table(terms: terms, deadline: deadline, directory: directory, dueDate: dueDate, rows: rows)
    }

    /// Duty records of one obligation and period, folded from events recorded up to `asOf`.
    func dutyRecords(obligationId: String, period: Period, asOf: Timestamp) async throws -> [String: DutyRecord] {
        var records: [ReportingDuty: DutyRecord] = [:]
        var after: Int64 = 0
        let filter = EventFilter(types: ReportEvent.eventTypes, recordedUpTo: asOf)
        while true {
            let page = try await store.readAll(after: after, limit: 1000, filter: filter)
            let mine = page.events.filter { event in
                DutyRecord.duty(of: event).map { $0.obligationId == obligationId && $0.period == period } ?? false
            }
            try DutyRecord.fold(mine, into: &records)
            guard page.nextAfter < page.head, page.nextAfter > after else { break }
            after = page.nextAfter
        }
        return Dictionary(uniqueKeysWithValues: records.values.map { ($0.duty.unitId, $0) })
    }
}
