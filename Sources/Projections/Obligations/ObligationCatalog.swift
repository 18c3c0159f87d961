import Events

/// Every obligation and its versions, reduced from obligation events, for lists and lookups.
public struct ObligationCatalog: Sendable {
    private var states: [String: ObligationState] = [:]
    /// The position of the last event folded in.
    public private(set) var position: Int64 = 0

    /// An empty catalog.
    public init() {}

    /// The catalog made of stored states by obligation id (a state folded from events that came
    /// before the obligation's definition has no id of its own yet), as the log stood at `position`.
    init(states: [(key: String, value: ObligationState)], position: Int64) {
        for (id, state) in states { self.states[id] = state }
        self.position = position
    }

    /// Folds recorded events (any types; other events are skipped) in position order.
    public mutating func apply(_ events: [RecordedEvent], decoder: EventDecoder = EventDecoder()) throws {
        for recorded in events {
            if let event = try ObligationEvent(recorded, decoder: decoder) { apply(event) }
            position = max(position, recorded.position)
        }
    }

    /// Folds one obligation event.
    public mutating func apply(_ event: ObligationEvent) {
        states[event.obligationId] = ObligationState.evolve(states[event.obligationId] ?? .initial, event)
    }

    /// The state folded for `id` so far, defined or not (for the read model).
    func state(of id: String) -> ObligationState? { states[id] }

    /// One obligation, or nil when it is not defined.
    public func obligation(_ id: String) -> ObligationState? {
        states[id]
    }

    /// Every defined obligation, in id order.
    public var obligations: [ObligationState] {
        states.values.filter { $0.obligationId != nil }.sorted { ($0.obligationId ?? "") < ($1.obligationId ?? "") }
    }
}

extension ObligationCatalog: Equatable {
    /// Two catalogs are equal when they hold the same obligations with the same histories, whatever
    /// position each was read at.
    public static func == (lhs: ObligationCatalog, rhs: ObligationCatalog) -> Bool {
        lhs.obligations == rhs.obligations
    }
}
