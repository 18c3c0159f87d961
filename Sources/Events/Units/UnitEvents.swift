/// A unit came into being (or was first recorded) with a name, kind and parent, effective from a date.
public struct UnitRegistered: DomainEvent, Hashable {
    public static let eventType = "UnitRegistered"
    public static let schemaVersion: Int32 = 1
    public var unitId: String
    public var name: String
    public var kind: UnitKind
    public var parentId: String?
    public var effectiveFrom: LocalDate

    public init(unitId: String, name: String, kind: UnitKind, parentId: String?, effectiveFrom: LocalDate) {
        self.unitId = unitId
        self.name = name
        self.kind = kind
        self.parentId = parentId
        self.effectiveFrom = effectiveFrom
    }
}

/// A unit took a new name from a date on; its past keeps the old name.
public struct UnitRenamed: DomainEvent, Hashable {
    public static let eventType = "UnitRenamed"
    public static let schemaVersion: Int32 = 1
    public var unitId: String
    public var name: String
    public var effectiveFrom: LocalDate

    public init(unitId: String, name: String, effectiveFrom: LocalDate) {
        self.unitId = unitId
        self.name = name
        self.effectiveFrom = effectiveFrom
    }
}

/// A unit was placed under another parent (or at the top, with no parent) from a date on.
public struct UnitMoved: DomainEvent, Hashable {
    public static let eventType = "UnitMoved"
    public static let schemaVersion: Int32 = 1
    public var unitId: String
    public var parentId: String?
    public var effectiveFrom: LocalDate

    public init(unitId: String, parentId: String?, effectiveFrom: LocalDate) {
        self.unitId = unitId
        self.parentId = parentId
        self.effectiveFrom = effectiveFrom
    }
}

/// A unit was merged into another; from that date its obligations pass to the other unit.
public struct UnitMerged: DomainEvent, Hashable {
    public static let eventType = "UnitMerged"
    public static let schemaVersion: Int32 = 1
    public var unitId: String
    public var intoUnitId: String
    public var effectiveFrom: LocalDate

    public init(unitId: String, intoUnitId: String, effectiveFrom: LocalDate) {
        self.unitId = unitId
        self.intoUnitId = intoUnitId
        self.effectiveFrom = effectiveFrom
    }
}

/// A unit stopped existing (dissolved, abolished) from a date on; its history stays.
public struct UnitDeactivated: DomainEvent, Hashable {
    public static let eventType = "UnitDeactivated"
    public static let schemaVersion: Int32 = 1
    public var unitId: String
    public var effectiveFrom: LocalDate
    public var reason: String?

    public init(unitId: String, effectiveFrom: LocalDate, reason: String?) {
        self.unitId = unitId
        self.effectiveFrom = effectiveFrom
        self.reason = reason
    }
}

/// Every event of a unit's stream.
public enum UnitEvent: Sendable, Hashable {
    case registered(UnitRegistered)
    case renamed(UnitRenamed)
    case moved(UnitMoved)
    case merged(UnitMerged)
    case deactivated(UnitDeactivated)

    /// The type names of unit events, for filtered reads.
    public static let eventTypes = [
        UnitRegistered.eventType, UnitRenamed.eventType, UnitMoved.eventType, UnitMerged.eventType, UnitDeactivated.eventType,
    ]

    /// The event ready to append.
    public func newEvent() throws -> NewEvent {
        switch self {
        case .registered(let event): return try NewEvent(event)
        case .renamed(let event): return try NewEvent(event)
        case .moved(let event): return try NewEvent(event)
        case .merged(let event): return try NewEvent(event)
        case .deactivated(let event): return try NewEvent(event)
        }
    }

    /// Decodes a recorded event of a unit stream; nil for types that are not unit events.
    public init?(_ recorded: RecordedEvent, decoder: EventDecoder = EventDecoder()) throws {
        switch recorded.type {
        case UnitRegistered.eventType: self = .registered(try decoder.decode(recorded))
        case UnitRenamed.eventType: self = .renamed(try decoder.decode(recorded))
        case UnitMoved.eventType: self = .moved(try decoder.decode(recorded))
        case UnitMerged.eventType: self = .merged(try decoder.decode(recorded))
        case UnitDeactivated.eventType: self = .deactivated(try decoder.decode(recorded))
        default: return nil
        }
    }

    /// The unit the event is about.
    public var unitId: String {
        switch self {
        case .registered(let event): return event.unitId
        case .renamed(let event): return event.unitId
        case .moved(let event): return event.unitId
        case .merged(let event): return event.unitId
        case .deactivated(let event): return event.unitId
        }
    }
}
