import Events
import Projections

/// `POST /v1/units`
struct RegisterUnitBody: Codable, Sendable {
    /// Optional readable id (`^[a-z0-9][a-z0-9-]{0,63}$`); a UUID is made when absent.
    var id: String?
    var name: String
    var kind: UnitKind
    var parentId: String?
    /// The date the unit exists from (default: today, local time).
    var effectiveFrom: LocalDate?
}

/// `PATCH /v1/units/{id}`: rename, move, or both (two events).
struct ChangeUnitBody: Codable, Sendable {
    var name: String?
    /// Present (even as null, meaning "to the top") to move the unit.
    var parentId: String??
    var effectiveFrom: LocalDate?

    enum CodingKeys: String, CodingKey { case name, parentId, effectiveFrom }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decodeIfPresent(String.self, forKey: .name)
        effectiveFrom = try container.decodeIfPresent(LocalDate.self, forKey: .effectiveFrom)
        parentId = container.contains(.parentId) ? .some(try container.decodeIfPresent(String.self, forKey: .parentId)) : .none
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(name, forKey: .name)
        try container.encodeIfPresent(effectiveFrom, forKey: .effectiveFrom)
        if case .some(let parentId) = parentId { try container.encode(parentId, forKey: .parentId) }
    }
}

/// `POST /v1/units/{id}/merge`
struct MergeUnitBody: Codable, Sendable {
    var intoUnitId: String
    var effectiveFrom: LocalDate?
}

/// `POST /v1/units/{id}/deactivate`
struct DeactivateUnitBody: Codable, Sendable {
    var effectiveFrom: LocalDate?
    var reason: String?
}

/// A unit as the API shows it, with the position of the write that produced it (on writes).
struct UnitResource: Codable, Sendable {
    var id: String
    var name: String
    var kind: UnitKind
    var parentId: String?
    var status: UnitView.Status
    var activeFrom: LocalDate
    var endedOn: LocalDate?
    var mergedInto: String?
    var version: Int64
    var position: Int64?

    init(_ view: UnitView, position: Int64? = nil) {
        id = view.id
        name = view.name
        kind = view.kind
        parentId = view.parentId
        status = view.status
        activeFrom = view.activeFrom
        endedOn = view.endedOn
        mergedInto = view.mergedInto
        version = view.version
        self.position = position
    }
}

/// A page of units.
struct UnitList: Codable, Sendable {
    var units: [UnitResource]
    /// Pass as `after` for the next page; absent at the end.
    var nextAfter: String?
    /// The date the tree is shown for.
    var at: LocalDate
}

/// Unit ids: readable slugs or UUIDs.
enum UnitID {
    static let pattern = "^[a-z0-9][a-z0-9-]{0,63}$"

    static func isValid(_ id: String) -> Bool {
        let bytes = Array(id.utf8)
        guard (1...64).contains(bytes.count) else { return false }
        func ok(_ b: UInt8) -> Bool { (48...57).contains(b) || (97...122).contains(b) }
        return ok(bytes[0]) && bytes.allSatisfy { ok($0) || $0 == UInt8(ascii: "-") }
    }

    static func stream(_ id: String) -> StreamID { StreamID("unit-\(id)")! }
}
