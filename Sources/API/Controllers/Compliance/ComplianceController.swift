import Events
import Foundation
import Hummingbird
import Projections

/// Compliance for supervisors and auditors: per-unit rows, roll-ups per child unit, and the
/// consolidating unit's view of every expected report — all at any cut of the log (`asOf`, `atPosition`; default now).
struct ComplianceController {
    let store: any EventStore
    let models: ReadModels
    let clock: LedgerClock

    func register(in group: RouterGroup<LedgerRequestContext>, routes: RouteTable) {
        group.get("compliance", use: table)
        group.get("compliance/summary", use: summary)
        group.get("consolidations/:obligationId/:period", use: consolidation)
        for path in ["/v1/compliance", "/v1/compliance/summary", "/v1/consolidations/{obligationId}/{period}"] {
            routes.add("GET", path)
        }
    }

    /// `GET /v1/compliance?obligation=&period=&under=&status=&asOf=&atPosition=`
    @Sendable func table(_ request: Request, context: LedgerRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let query = QueryParameters(request)
        let obligationId = try required(query.string("obligation", rule: UnitID.pattern, isValid: UnitID.isValid), "obligation")
        let period = try required(query.period("period"), "period")
        let status = try query.string("status", rule: "notDue, onTime, late, overdue or excused") {
            ["notDue", "onTime", "late", "overdue", "excused"].contains($0)
        }
        let under = try Self.scope(actor, requested: query.string("under", rule: UnitID.pattern, isValid: UnitID.isValid))
        // Only the duties of units ever under `under` are read: the answer costs the subtree, not the country.
        let snapshot = try await ComplianceSnapshot.load(
            store: store, models: models, scope: .periods([period], obligations: [obligationId], under: under),
            cut: query.readCut(store: store, now: clock.now()),
            now: clock.now())
        let asOf = snapshot.asOf
        try Self.checkKnown(under, directory: snapshot.directory)
        let table = try snapshot.table(obligationId: obligationId, period: period, under: under)
        try Self.authorize(actor, under: under, directory: snapshot.directory, on: table.dueDate)
        var counts = ComplianceCounts()
        table.rows.forEach { counts.add($0.status) }
        let rows = table.rows.map {
            ComplianceRowResource(
                $0, duty: ReportingDuty(obligationId: obligationId, unitId: $0.unitId, period: period), includeSummary: false)
        }.filter { status == nil || $0.status == status }
        return try JSONResponse.make(
            ComplianceTableResource(
                obligationId: obligationId, period: period.description,
                deadline: LocalInstant.rfc3339(table.deadline, in: table.terms.zone), asOf: asOf.rfc3339,
                atPosition: snapshot.atPosition, counts: ComplianceCountsResource(counts), rows: rows), status: .ok)
    }

    /// `GET /v1/compliance/summary?under=&period=&obligation=&asOf=&atPosition=`
    @Sendable func summary(_ request: Request, context: LedgerRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let query = QueryParameters(request)
        let period = try required(query.period("period"), "period")
        // Without `under` (admins and auditors), rows are summed per top-level unit.
        let under = try Self.scope(actor, requested: query.string("under", rule: UnitID.pattern, isValid: UnitID.isValid))
        let snapshot = try await ComplianceSnapshot.load(
            store: store, models: models, scope: .periods([period], obligations: nil, under: under),
            cut: query.readCut(store: store, now: clock.now()),
            now: clock.now())
        let asOf = snapshot.asOf
        try Self.checkKnown(under, directory: snapshot.directory)
        let obligationIds: [String]
        if let one = try query.string("obligation", rule: UnitID.pattern, isValid: UnitID.isValid) {
            obligationIds = [one]
        } else {
            obligationIds = snapshot.catalog.obligations
                .filter { $0.terms(for: period)?.schedule.periodKind == period.kind }.compactMap(\.obligationId).sorted()
        }
        var total = ComplianceCounts()
        var byChild: [String: ComplianceCounts] = [:]
        var day = clock.date(of: asOf)
        try Self.authorize(actor, under: under, directory: snapshot.directory, on: day)
        for obligationId in obligationIds {
            let table = try snapshot.table(obligationId: obligationId, period: period, under: under)
            if let under {
                let rolled = ComplianceTable.rollUp(table.rows, under: under, directory: snapshot.directory, on: table.dueDate)
                total.add(rolled.total)
                for (child, counts) in rolled.byChild { byChild[child, default: ComplianceCounts()].add(counts) }
            } else {
                for row in table.rows {
                    total.add(row.status)
                    let root = snapshot.directory.lineage(of: row.unitId, on: table.dueDate).last ?? row.unitId
                    byChild[root, default: ComplianceCounts()].add(row.status)
                }
            }
            day = table.dueDate
        }
        let directory = snapshot.directory
        let children = byChild.keys.sorted().map { id in
            ComplianceSummaryResource.Child(
                unitId: id, unitName: directory.unit(id, on: day)?.name ?? id, counts: ComplianceCountsResource(byChild[id]!))
        }
        return try JSONResponse.make(
            ComplianceSummaryResource(
                under: under, period: period.description, asOf: asOf.rfc3339, atPosition: snapshot.atPosition,
                obligations: obligationIds,
                total: ComplianceCountsResource(total), children: children), status: .ok)
    }

    /// `GET /v1/consolidations/{obligationId}/{period}?recipient=&asOf=&atPosition=`: every expected report,
    /// filed or not, with the summaries of open (non-confidential) reports.
    @Sendable func consolidation(_ request: Request, context: LedgerRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        guard let obligationId = context.parameters.get("obligationId"), UnitID.isValid(obligationId) else {
            throw APIError.invalidParameter("obligationId", "'obligationId' must match \(UnitID.pattern)")
        }
        guard let text = context.parameters.get("period"), let period = try? Period(parsing: text) else {
            throw APIError.invalidParameter("period", "'period' must be like 2024-10, 2024-W42 or 2024-Q3")
        }
        let query = QueryParameters(request)
        let recipient = try query.string("recipient", rule: UnitID.pattern, isValid: UnitID.isValid)
        let snapshot = try await ComplianceSnapshot.load(
            store: store, models: models, scope: .periods([period], obligations: [obligationId]),
            cut: query.readCut(store: store, now: clock.now()),
            now: clock.now())
        let asOf = snapshot.asOf
        let table = try snapshot.table(
            obligationId: obligationId, period: period, under: nil)
        if let recipient, recipient != table.terms.recipientUnitId {
            throw APIError.invalidParameter(
                "recipient", "obligation \(obligationId) reports to \(table.terms.recipientUnitId), not \(recipient)")
        }
        let allowed =
            actor.role == .admin || actor.role == .auditor
            || (actor.role == .supervisor && actor.unitId == table.terms.recipientUnitId)
        guard allowed else { throw APIError(.forbidden, "only the recipient's supervisors, admins and auditors see the consolidation") }
        var counts = ComplianceCounts()
        table.rows.forEach { counts.add($0.status) }
        let rows = table.rows.map {
            ComplianceRowResource(
                $0, duty: ReportingDuty(obligationId: obligationId, unitId: $0.unitId, period: period), includeSummary: true)
        }
        return try JSONResponse.make(
            ComplianceTableResource(
                obligationId: obligationId, period: period.description,
                deadline: LocalInstant.rfc3339(table.deadline, in: table.terms.zone), asOf: asOf.rfc3339,
                atPosition: snapshot.atPosition, counts: ComplianceCountsResource(counts), rows: rows), status: .ok)
    }

    /// The subtree a token may ask about: admins and auditors anything (nil = everything), supervisors
    /// their own unit by default; other roles none.
    static func scope(_ actor: ActorRef, requested: String?) throws -> String? {
        switch actor.role {
        case .admin, .auditor: return requested
        case .supervisor:
            guard let own = actor.unitId else { throw APIError(.forbidden, "this supervisor token is bound to no unit") }
            return requested ?? own
        case .unitOfficer, .monitor: throw APIError(.forbidden, "compliance is for supervisors, admins and auditors")
        }
    }

    /// `under` must name a unit the log knows as of the cut: 404 naming `under` otherwise, for every
    /// role, before anything else is looked up (an unknown subtree is not an empty one).
    static func checkKnown(_ under: String?, directory: UnitDirectory) throws {
        try directory.requireKnown(under, "under")
    }

    /// A supervisor may only look inside its own unit's subtree.
    static func authorize(_ actor: ActorRef, under: String?, directory: UnitDirectory, on date: LocalDate) throws {
        guard actor.role == .supervisor, let own = actor.unitId else { return }
        guard let under, directory.subtree(of: own, on: date).contains(under) else {
            throw APIError(.forbidden, "unit \(under ?? "-") is outside this supervisor's subtree")
        }
    }

    private func required<T>(_ value: T?, _ name: String) throws -> T {
        guard let value else { throw APIError.invalidParameter(name, "'\(name)' is required") }
        return value
    }
}
