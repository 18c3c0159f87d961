import Events

extension IncidentState {
    /// Every unit the incident concerns: those it names, the one it is assigned to, and both ends of
    /// each escalation, sorted — who may see it and whose figures it counts in.
    public var concernedUnits: [String] {
        var units = Set(unitIds)
        if let assigned = assignedUnitId { units.insert(assigned) }
        for escalation in escalations {
            units.insert(escalation.fromUnitId)
            units.insert(escalation.toUnitId)
        }
        return units.sorted()
    }
}
