import Events

/// The unit tree through time, reduced from unit events: each unit's names, parents and end, each
/// with the date it took effect, so the tree can be asked for as it was on any date.
public struct UnitDirectory: Sendable {
    /// A value and the date it took effect.
    struct Dated<Value: Sendable & Codable & Equatable>: Sendable, Codable, Equatable {
        var from: LocalDate
        var value: Value
    }

    /// How one unit ended: on a date, merged into another unit or (nil) deactivated.
    struct End: Sendable, Codable, Equatable {
        var on: LocalDate
        var mergedInto: String?
    }

    /// One unit's whole history on the domain's date axis; the `unit_versions` read model stores one
    /// per unit and log position range.
    struct Timeline: Sendable, Codable, Equatable {
        var unitId: String
        var kind: UnitKind
        var registeredFrom: LocalDate
        var names: [Dated<String>]
        var parents: [Dated<String?>]
        var end: End?
        var version: Int64
        var lastPosition: Int64
    }

    private var timelines: [String: Timeline] = [:]
    /// Every unit that was ever placed under each unit (registered or moved there), so subtrees cost
    /// their own size rather than the whole tree's.
    private var everChildren: [String: Set<String>] = [:]
    /// The position of the last event folded in.
    public private(set) var position: Int64 = 0

    /// An empty directory.
    public init() {}

    /// The directory made of stored timelines, as the log stood at `position`.
    init(timelines: [Timeline], position: Int64) {
        for timeline in timelines {
            self.timelines[timeline.unitId] = timeline
            for parent in timeline.parents {
                if let parentId = parent.value { everChildren[parentId, default: []].insert(timeline.unitId) }
            }
        }
        self.position = position
    }

    /// One unit's timeline, if it is registered.
    func timeline(of unitId: String) -> Timeline? { timelines[unitId] }

    /// Folds recorded events (any types; non-unit events are skipped) in position order.
    public mutating func apply(_ events: [RecordedEvent], decoder: EventDecoder = EventDecoder()) throws {
        for recorded in events {
            if let event = try UnitEvent(recorded, decoder: decoder) {
                apply(event, position: recorded.position)
            }
            position = max(position, recorded.position)
        }
    }

    /// Folds one unit event.
    public mutating func apply(_ event: UnitEvent, position: Int64) {
        switch event {
        case .registered(let e):
            if let parent = e.parentId { everChildren[parent, default: []].insert(e.unitId) }
            timelines[e.unitId] = Timeline(
                unitId: e.unitId, kind: e.kind, registeredFrom: e.effectiveFrom, names: [Dated(from: e.effectiveFrom, value: e.name)],
                parents: [Dated(from: e.effectiveFrom, value: e.parentId)], end: nil, version: 1, lastPosition: position)
            return
        case .renamed(let e): timelines[e.unitId]?.names.append(Dated(from: e.effectiveFrom, value: e.name))
        case .moved(let e):
            guard timelines[e.unitId] != nil else { break }
            if let parent = e.parentId { everChildren[parent, default: []].insert(e.unitId) }
            timelines[e.unitId]?.parents.append(Dated(from: e.effectiveFrom, value: e.parentId))
        case .merged(let e): timelines[e.unitId]?.end = End(on: e.effectiveFrom, mergedInto: e.intoUnitId)
        case .deactivated(let e): timelines[e.unitId]?.end = End(on: e.effectiveFrom, mergedInto: nil)
        }
        timelines[event.unitId]?.version += 1
        timelines[event.unitId]?.lastPosition = position
    }

    /// One unit as it stood on `date`; nil when it was not registered by then (or does not exist).
    public func unit(_ id: String, on date: LocalDate) -> UnitView? {
        guard let timeline = timelines[id], timeline.registeredFrom <= date else { return nil }
        return view(timeline, on: date)
    }

    /// Every unit that existed on `date` (active or ended), sorted by name then id.
    public func units(on date: LocalDate) -> [UnitView] {
        unitsInAnyOrder(on: date).sorted { ($0.name, $0.id) < ($1.name, $1.id) }
    }

    /// Every unit that existed on `date` (active or ended), in no set order (no sorting to pay for).
    public func unitsInAnyOrder(on date: LocalDate) -> [UnitView] {
        timelines.values.filter { $0.registeredFrom <= date }.map { view($0, on: date) }
    }

    /// The ids of the units active on `date`.
    public func activeUnitIds(on date: LocalDate) -> Set<String> {
        Set(unitsInAnyOrder(on: date).lazy.filter { $0.status == .active }.map(\.id))
    }

    /// The ids of `id` and every unit under it on `date` (active or not), for subtree queries.
    public func subtree(of id: String, on date: LocalDate) -> Set<String> {
        guard unit(id, on: date) != nil else { return [] }
        var result: Set<String> = []
        var queue = [id]
        while let next = queue.popLast() {
            guard result.insert(next).inserted else { continue }
            for child in everChildren[next] ?? [] {
                guard let timeline = timelines[child], timeline.registeredFrom <= date, parent(of: timeline, on: date) == next else {
                    continue
                }
                queue.append(child)
            }
        }
        return result
    }

    /// `id` and every unit that was ever under it, on any date (a superset of its subtree on each date).
    public func everUnder(_ id: String) -> Set<String> {
        var result: Set<String> = []
        var queue = [id]
        while let next = queue.popLast() {
            guard result.insert(next).inserted else { continue }
            queue.append(contentsOf: everChildren[next] ?? [])
        }
        return result
    }

    /// The unit's parent on `date` (its first one before it took effect); nil at the top. (Not
    /// `last(…)?.value ?? first`: optional chaining flattens a move to the top into "no entry".)
    private func parent(of t: Timeline, on date: LocalDate) -> String? {
        if let dated = t.parents.last(where: { $0.from <= date }) { return dated.value }
        return t.parents[0].value
    }

    /// The ids of the unit's ancestors on `date`, nearest first (stops at a cycle, which the decider prevents).
    public func lineage(of id: String, on date: LocalDate) -> [String] {
        var lineage: [String] = []
        var current = unit(id, on: date)?.parentId
        while let parent = current, !lineage.contains(parent) {
            lineage.append(parent)
            current = unit(parent, on: date)?.parentId
        }
        return lineage
    }

    private func view(_ t: Timeline, on date: LocalDate) -> UnitView {
        let name = t.names.last(where: { $0.from <= date })?.value ?? t.names[0].value
        let parent = parent(of: t, on: date)
        let status: UnitView.Status
        if let end = t.end, end.on <= date {
            status = end.mergedInto == nil ? .deactivated : .merged
        } else {
            status = .active
        }
        return UnitView(
            id: t.unitId, name: name, kind: t.kind, parentId: parent, status: status, activeFrom: t.registeredFrom,
            endedOn: t.end?.on, mergedInto: t.end?.mergedInto, version: t.version)
    }
}

/// A unit as it stood on a date.
public struct UnitView: Sendable, Hashable, Codable {
    /// Whether the unit acted on that date.
    public enum Status: String, Sendable, Hashable, Codable {
        case active, merged, deactivated
    }
    public var id: String
    public var name: String
    public var kind: UnitKind
    public var parentId: String?
    public var status: Status
    public var activeFrom: LocalDate
    /// When the unit was (or will be) merged or deactivated, if it is recorded.
    public var endedOn: LocalDate?
    public var mergedInto: String?
    /// The unit stream's version as far as the directory has read (the ETag).
    public var version: Int64
}

extension UnitDirectory: Equatable {
    /// Two directories are equal when they hold the same units with the same histories, whatever
    /// position each was read at.
    public static func == (lhs: UnitDirectory, rhs: UnitDirectory) -> Bool {
        lhs.timelines == rhs.timelines
    }
}
