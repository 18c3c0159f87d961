/// What a unit's own stream says about it now: the state the decider checks commands against.
public struct UnitState: Sendable, Hashable {
    /// Whether the unit exists, and if it still acts.
    public enum Status: Sendable, Hashable {
        case unregistered
        case active
        case merged(into: String, on: LocalDate)
        case deactivated(on: LocalDate)
    }

    /// The stream version (0 before registration).
    public var version: Int64 = 0
    public var unitId: String?
    public var name: String?
    public var kind: UnitKind?
    public var parentId: String?
    public var registeredFrom: LocalDate?
    /// The latest effective date of any change, so later changes cannot be dated before it.
    public var lastEffectiveFrom: LocalDate?
    public var status: Status = .unregistered

    /// The state before any event.
    public static let initial = UnitState()

    /// Folds one event into the state (the decider's `evolve`).
    public static func evolve(_ state: UnitState, _ event: UnitEvent) -> UnitState {
        var state = state
        state.version += 1
        switch event {
        case .registered(let e):
            state.unitId = e.unitId
            state.name = e.name
            state.kind = e.kind
            state.parentId = e.parentId
            state.registeredFrom = e.effectiveFrom
            state.lastEffectiveFrom = e.effectiveFrom
            state.status = .active
        case .renamed(let e):
            state.name = e.name
            state.lastEffectiveFrom = e.effectiveFrom
        case .moved(let e):
            state.parentId = e.parentId
            state.lastEffectiveFrom = e.effectiveFrom
        case .merged(let e):
            state.status = .merged(into: e.intoUnitId, on: e.effectiveFrom)
            state.lastEffectiveFrom = e.effectiveFrom
        case .deactivated(let e):
            state.status = .deactivated(on: e.effectiveFrom)
            state.lastEffectiveFrom = e.effectiveFrom
        }
        return state
    }

    /// Whether the unit is registered and neither merged nor deactivated.
    public var isActive: Bool { status == .active }
}
