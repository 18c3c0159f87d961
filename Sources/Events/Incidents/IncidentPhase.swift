/// Where an incident stands in finer steps than `IncidentStatus`: what refusals name as its state.
public enum IncidentPhase: String, Sendable, Hashable, Codable, CaseIterable {
    /// Not logged yet.
    case unlogged
    /// Open, not assigned.
    case logged
    /// Open, assigned, not verified (since the last reopening).
    case assigned
    /// Open and verified.
    case verified
    case resolved, closed, merged
}

extension IncidentState {
    /// The incident's phase.
    public var phase: IncidentPhase {
        guard exists else { return .unlogged }
        switch status {
        case .resolved: return .resolved
        case .closed: return .closed
        case .merged: return .merged
        case .open: return assignedUnitId == nil ? .logged : isVerified ? .verified : .assigned
        }
    }
}
