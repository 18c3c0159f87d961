import Events

extension ObligationState {
    /// The units expected to report for `period`, sorted by id; nil when the obligation does not apply to
    /// it. The unit tree is read on `date`, by default the period's due date: listed units that were
    /// merged by then pass their duty to the unit they merged into, ended or not-yet-registered units
    /// drop out, and "kinds under a unit" means every unit of those kinds active in that unit's subtree
    /// then. The recipient never reports to itself.
    public func expectedReporters(for period: Period, directory: UnitDirectory, on date: LocalDate? = nil) -> [String]? {
        guard let terms = terms(for: period), let day = date ?? (try? terms.schedule.dueDate(for: period)) else {
            return nil
        }
        var reporters: Set<String> = []
        switch terms.reporters {
        case .units(let ids):
            for id in ids {
                if let successor = Self.actingUnit(id, directory: directory, on: day) { reporters.insert(successor) }
            }
        case .kinds(let kinds, let under):
            let subtree = directory.subtree(of: under, on: day)
            for unit in directory.units(on: day)
            where unit.status == .active && kinds.contains(unit.kind) && subtree.contains(unit.id) && unit.id != under {
                reporters.insert(unit.id)
            }
        }
        reporters.remove(terms.recipientUnitId)
        return reporters.sorted()
    }

    /// The unit acting for `id` on `date`: itself while active, the unit it merged into (followed
    /// through further merges) once merged, nobody once deactivated or before it was registered.
    static func actingUnit(_ id: String, directory: UnitDirectory, on date: LocalDate) -> String? {
        var current = id
        var seen: Set<String> = []
        while seen.insert(current).inserted, let unit = directory.unit(current, on: date) {
            switch unit.status {
            case .active: return current
            case .deactivated: return nil
            case .merged:
                guard let next = unit.mergedInto else { return nil }
                current = next
            }
        }
        return nil
    }
}
