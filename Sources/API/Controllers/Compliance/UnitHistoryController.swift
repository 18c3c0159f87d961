import Events
import Foundation
import Hummingbird
import Projections

/// `GET /v1/compliance/units/{unitId}?from=&to=&asOf=&atPosition=`: every duty of one unit whose deadline falls
/// in the date range, with its status and the unit's on-time rate.
struct UnitHistoryController {
    let store: any EventStore
    let models: ReadModels
    let clock: LedgerClock

    /// The most periods one history answers for.
    static let maximumEntries = 2_000

    struct Entry: Codable, Sendable {
        var obligationId: String
        var period: String
        var deadline: String
        var row: ComplianceRowResource
    }

    struct History: Codable, Sendable {
        var unitId: String
        var from: LocalDate
        var to: LocalDate
        var asOf: String
        var atPosition: Int64?
        var counts: ComplianceCountsResource
        var entries: [Entry]
    }

    func register(in group: RouterGroup<LedgerRequestContext>, routes: RouteTable) {
        group.get("compliance/units/:unitId", use: history)
        routes.add("GET", "/v1/compliance/units/{unitId}")
    }

    @Sendable func history(_ request: Request, context: LedgerRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        guard let unitId = context.parameters.get("unitId"), UnitID.isValid(unitId) else {
            throw APIError.invalidParameter("unitId", "'unitId' must match \(UnitID.pattern)")
        }
        let query = QueryParameters(request)
        let snapshot = try await ComplianceSnapshot.load(
            store: store, models: models, scope: .subtree(unitId), cut: query.readCut(store: store, now: clock.now()),
            now: clock.now())
        let asOf = snapshot.asOf
        let to = try query.localDate("to") ?? clock.date(of: asOf)
        // One answer covers at most five years: an earlier `from` is moved forward (the answer says so).
        let earliest = to.adding(days: -5 * 365) ?? LocalDate.earliest
        let from = max(try query.localDate("from") ?? to.adding(days: -365) ?? LocalDate.earliest, earliest)
        try Self.authorize(actor, unitId: unitId, directory: snapshot.directory, on: to)

        var entries: [Entry] = []
        var counts = ComplianceCounts()
        // A range with `from` after `to` holds no deadline: the answer is empty, not an error.
        for obligation in snapshot.catalog.obligations where from <= to {
            guard let obligationId = obligation.obligationId, let schedule = obligation.current?.terms.schedule else { continue }
            // A deadline can fall up to a year after its period starts (dueMonthOffset ≤ 12).
            let first = schedule.period(containing: from.adding(days: -400) ?? LocalDate.earliest)
            let periods: [Period]
            do {
                periods = try schedule.periods(from: first, through: schedule.period(containing: to))
            } catch {
                throw APIError.invalidParameter("from", "the range cannot be split into periods of \(obligationId): \(error)")
            }
            for period in periods {
                guard let terms = obligation.terms(for: period), let due = try? terms.schedule.dueDate(for: period),
                    from <= due, due <= to,
                    obligation.expectedReporters(for: period, directory: snapshot.directory, within: [unitId])?.isEmpty == false,
                    let table = try? snapshot.table(obligationId: obligationId, period: period, under: unitId),
                    let row = table.rows.first(where: { $0.unitId == unitId })
                else { continue }
                guard entries.count < Self.maximumEntries else {
                    throw APIError.invalidParameter("from", "the range holds more than \(Self.maximumEntries) periods; narrow it")
                }
                counts.add(row.status)
                let duty = ReportingDuty(obligationId: obligationId, unitId: unitId, period: period)
                entries.append(
                    Entry(
                        obligationId: obligationId, period: period.description,
                        deadline: LocalInstant.rfc3339(table.deadline, in: terms.zone),
                        row: ComplianceRowResource(row, duty: duty, includeSummary: false)))
            }
        }
        entries.sort { ($0.deadline, $0.obligationId) < ($1.deadline, $1.obligationId) }
        return try JSONResponse.make(
            History(
                unitId: unitId, from: from, to: to, asOf: asOf.rfc3339, atPosition: snapshot.atPosition,
                counts: ComplianceCountsResource(counts), entries: entries),
            status: .ok)
    }

    /// Admins and auditors see any unit, supervisors their subtree, unit officers their own unit.
    static func authorize(_ actor: ActorRef, unitId: String, directory: UnitDirectory, on date: LocalDate) throws {
        switch actor.role {
        case .admin, .auditor: return
        case .supervisor:
            guard let own = actor.unitId, directory.subtree(of: own, on: date).contains(unitId) else {
                throw APIError(.forbidden, "unit \(unitId) is outside this supervisor's subtree")
            }
        case .unitOfficer:
            guard actor.unitId == unitId else { throw APIError(.forbidden, "a unit officer sees only its own unit") }
        case .monitor: throw APIError(.forbidden, "compliance is not for monitors")
        }
    }
}
