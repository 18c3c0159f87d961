import Events

/// The supervisors' figures over incidents, computed from incident states and the clock rules as
/// they stood at one instant. Pure. Open incidents are counted by age and severity; the per-unit
/// figures count what was decided within a window: clocks met in time in it or run out in it,
/// verifications and resolutions done in it.
public struct IncidentFigures: Sendable, Hashable {
    /// How long an incident has been open, from when it was logged.
    public enum AgeBand: String, Sendable, Hashable, CaseIterable {
        case underOneDay, oneToSevenDays, sevenToThirtyDays, overThirtyDays

        /// The band of an age in microseconds: < 1 day, 1–7 days, 7–30 days, ≥ 30 days.
        public static func of(ageMicroseconds age: Int64) -> AgeBand {
            let day: Int64 = 86_400_000_000
            if age < day { return .underOneDay }
            if age < 7 * day { return .oneToSevenDays }
            if age < 30 * day { return .sevenToThirtyDays }
            return .overThirtyDays
        }
    }

    /// Counts per severity.
    public struct SeverityCounts: Sendable, Hashable {
        public var low = 0, medium = 0, high = 0, critical = 0
        public var total: Int { low + medium + high + critical }

        /// No incident counted.
        public init() {}

        mutating func add(_ severity: IncidentSeverity) {
            switch severity {
            case .low: low += 1
            case .medium: medium += 1
            case .high: high += 1
            case .critical: critical += 1
            }
        }
    }

    /// One unit's work in the window.
    public struct UnitFigures: Sendable, Hashable {
        public var unitId: String
        /// Verification clocks decided in the window: met in time in it, or run out in it (late or overdue) …
        public var verificationsDue = 0
        /// … and of those, met by their due time.
        public var verificationsInTime = 0
        /// First-information, press-answer and petition clocks decided in the window, likewise …
        public var responsesDue = 0
        /// … and of those, met by their due time.
        public var responsesInTime = 0
        /// Verifications completed in the window that found the item inaccurate or partly accurate …
        public var inaccurateVerifications = 0
        /// … and of those, incidents for which a correction was requested.
        public var correctionsRequested = 0
        /// Median seconds from logging to the verification, over verifications completed in the window.
        public var medianSecondsToVerify: Int64?
        /// Median seconds from logging to the resolution, over incidents resolved in the window.
        public var medianSecondsToResolve: Int64?
        var toVerify: [Int64] = []
        var toResolve: [Int64] = []

        var isEmpty: Bool {
            verificationsDue == 0 && responsesDue == 0 && inaccurateVerifications == 0 && toVerify.isEmpty && toResolve.isEmpty
        }
    }

    /// Open incidents at the instant, by age band.
    public var openByAge: [AgeBand: SeverityCounts] = [:]
    /// Open incidents at the instant.
    public var open = SeverityCounts()
    /// Units with anything to count, by id.
    public var units: [UnitFigures] = []
    /// All listed units together (medians over all their incidents).
    public var total = UnitFigures(unitId: "")

    /// The clocks a unit answers for by responding (the outlet's correction clock is the outlet's).
    static let responseClocks: Set<ClockKind> = [.firstInformation, .pressAnswer, .petitionMeasures]

    /// Computes the figures for incidents that concern `scope` (nil = every unit) at `at`, with the
    /// window `from..<to` for the per-unit figures. Per-unit figures go to the responsible unit
    /// (assigned, else the first named) and only to units inside `scope`.
    public static func compute(
        _ states: [IncidentState], rules: ClockRuleBook, scope: Set<String>?, from: Timestamp, to: Timestamp, at: Timestamp
    ) -> IncidentFigures {
        var figures = IncidentFigures()
        var byUnit: [String: UnitFigures] = [:]
        func inScope(_ unit: String?) -> String? {
            guard let unit, scope?.contains(unit) ?? true else { return nil }
            return unit
        }
        let window = from..<to
        for state in states where state.exists && state.status != .merged {
            if let scope, !state.concernedUnits.contains(where: scope.contains) { continue }
            if state.status == .open {
                figures.open.add(state.severity)
                figures.openByAge[
                    AgeBand.of(ageMicroseconds: at.microsecondsSinceEpoch - state.loggedAt.microsecondsSinceEpoch),
                    default: SeverityCounts()
                ]
                .add(state.severity)
            }
            let responsible = inScope(state.assignedUnitId ?? state.unitIds.first)
            for clock in IncidentClocks.evaluate(state, rules: rules, at: at) {
                guard let unit = responsible, let decided = decidedAt(clock), window.contains(decided) else { continue }
                if clock.clock == .verification {
                    byUnit[unit, default: UnitFigures(unitId: unit)].verificationsDue += 1
                    if clock.status == .met { byUnit[unit]!.verificationsInTime += 1 }
                } else if responseClocks.contains(clock.clock) {
                    byUnit[unit, default: UnitFigures(unitId: unit)].responsesDue += 1
                    if clock.status == .met { byUnit[unit]!.responsesInTime += 1 }
                }
            }
            if let verification = state.verification, window.contains(verification.completedAt), let unit = inScope(verification.unitId) {
                byUnit[unit, default: UnitFigures(unitId: unit)].toVerify.append(
                    seconds(from: state.loggedAt, to: verification.completedAt))
                if verification.outcome.warrantsCorrection {
                    byUnit[unit]!.inaccurateVerifications += 1
                    if state.responses.contains(where: { $0.kind == .correctionRequest }) { byUnit[unit]!.correctionsRequested += 1 }
                }
            }
            if state.status != .open, let resolvedAt = state.resolvedAt, window.contains(resolvedAt), let unit = responsible {
                byUnit[unit, default: UnitFigures(unitId: unit)].toResolve.append(seconds(from: state.loggedAt, to: resolvedAt))
            }
        }
        figures.units = byUnit.values.filter { !$0.isEmpty }.sorted { $0.unitId < $1.unitId }.map(\.withMedians)
        var total = UnitFigures(unitId: "")
        for unit in figures.units {
            total.verificationsDue += unit.verificationsDue
            total.verificationsInTime += unit.verificationsInTime
            total.responsesDue += unit.responsesDue
            total.responsesInTime += unit.responsesInTime
            total.inaccurateVerifications += unit.inaccurateVerifications
            total.correctionsRequested += unit.correctionsRequested
            total.toVerify += unit.toVerify
            total.toResolve += unit.toResolve
        }
        figures.total = total.withMedians
        return figures
    }

    /// When a clock's outcome was settled: when it was met in time, or when it ran out (late or
    /// overdue); nil while it runs, when it was stopped, or when it has no due time.
    static func decidedAt(_ clock: IncidentClock) -> Timestamp? {
        switch clock.status {
        case .met: return clock.metAt
        case .late, .overdue: return clock.dueAt
        case .running, .stopped: return nil
        }
    }

    /// Whole seconds between two instants (rounded down).
    static func seconds(from start: Timestamp, to end: Timestamp) -> Int64 {
        (end.microsecondsSinceEpoch - start.microsecondsSinceEpoch) / 1_000_000
    }

    /// The median of whole seconds (for an even count, the mean of the two middle values, rounded down); nil when empty.
    public static func median(_ values: [Int64]) -> Int64? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}

extension IncidentFigures.UnitFigures {
    fileprivate var withMedians: Self {
        var figures = self
        figures.medianSecondsToVerify = IncidentFigures.median(toVerify)
        figures.medianSecondsToResolve = IncidentFigures.median(toResolve)
        return figures
    }
}
