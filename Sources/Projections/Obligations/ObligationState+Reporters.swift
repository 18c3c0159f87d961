import Events

extension ObligationState {
    /// The units expected to report for `period`, sorted by id; nil when the obligation does not apply to
    /// it. The unit tree is read on `date`, by default the period's due date: listed units that were
    /// merged by then pass their duty to the unit they merged into, ended or not-yet-registered units
    /// drop out, and "kinds under a unit" means every unit of those kinds active in that unit's subtree
    /// then. The recipient never reports to itself. With `within`, only those of these units (the
    /// same answer filtered, at the cost of `within`'s size rather than the whole tree's).
    public func expectedReporters(
        for period: Period, directory: UnitDirectory, on date: LocalDate? = nil, within: Set<String>? = nil
    ) -> [String]? {
        guard let terms = terms(for: period), let day = date ?? (try? terms.schedule.dueDate(for: period)) else {
            return nil
        }
        var reporters: Set<String> = []
        switch terms.reporters {
        case .units(let ids):
            for id in ids {
                if let successor = Self.actingUnit(id, directory: directory, on: day), within?.contains(successor) ?? true {
                    reporters.insert(successor)
                }
            }
        case .kinds(let kinds, let under):
            func reports(_ unit: UnitView) -> Bool { unit.status == .active && kinds.contains(unit.kind) && unit.id != under }
            if let within {
                // Under `under` on that day: `under` is registered and one of the unit's ancestors.
                guard directory.unit(under, on: day) != nil else { break }
                for id in within {
                    guard let unit = directory.unit(id, on: day), reports(unit), directory.lineage(of: id, on: day).contains(under)
                    else { continue }
                    reporters.insert(id)
                }
            } else {
                let subtree = directory.subtree(of: under, on: day)
                for unit in directory.unitsInAnyOrder(on: day) where reports(unit) && subtree.contains(unit.id) {
                    reporters.insert(unit.id)
                }
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
