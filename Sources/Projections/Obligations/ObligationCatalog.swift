import Events

/// Every obligation and its versions, reduced from obligation events, for lists and lookups.
public struct ObligationCatalog: Sendable {
    private var states: [String: ObligationState] = [:]
    /// The position of the last event folded in.
    public private(set) var position: Int64 = 0

    /// An empty catalog.
    public init() {}

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

    /// One obligation, or nil when it is not defined.
    public func obligation(_ id: String) -> ObligationState? {
        states[id]
    }

    /// Every defined obligation, in id order.
    public var obligations: [ObligationState] {
        states.values.filter { $0.obligationId != nil }.sorted { ($0.obligationId ?? "") < ($1.obligationId ?? "") }
    }
}
