/// Who must report under an obligation: listed units, or every active unit of given kinds under a unit.
public enum ReporterSelection: Sendable, Hashable {
    /// These units, by id (a merged unit's duty passes to the unit it merged into).
    case units([String])
    /// Every unit of one of `kinds` in the subtree under `underUnitId`, active on the period's due date.
    case kinds([UnitKind], underUnitId: String)

    /// Every unit id the selection names, for reference checks.
    public var referencedUnitIds: [String] {
        switch self {
        case .units(let ids): return ids
        case .kinds(_, let under): return [under]
        }
    }

    /// Whether the selection names nobody.
    public var isEmpty: Bool {
        switch self {
        case .units(let ids): return ids.isEmpty
        case .kinds(let kinds, _): return kinds.isEmpty
        }
    }

    /// The same selection with duplicates removed, first occurrence kept.
    public var deduplicated: ReporterSelection {
        func unique<T: Hashable>(_ items: [T]) -> [T] {
            var seen = Set<T>()
            return items.filter { seen.insert($0).inserted }
        }
        switch self {
        case .units(let ids): return .units(unique(ids))
        case .kinds(let kinds, let under): return .kinds(unique(kinds), underUnitId: under)
        }
    }
}

extension ReporterSelection: Codable {
    private enum CodingKeys: String, CodingKey { case unitIds, kinds, underUnitId }

    /// Decodes `{"unitIds":[…]}` or `{"kinds":[…],"underUnitId":"…"}`; mixing the two forms is refused.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if container.contains(.unitIds) {
            guard !container.contains(.kinds), !container.contains(.underUnitId) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .kinds, in: container, debugDescription: "send either unitIds, or kinds with underUnitId, not both")
            }
            self = .units(try container.decode([String].self, forKey: .unitIds))
        } else {
            self = .kinds(
                try container.decode([UnitKind].self, forKey: .kinds),
                underUnitId: try container.decode(String.self, forKey: .underUnitId))
        }
    }

    /// Encodes the form that was chosen.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .units(let ids): try container.encode(ids, forKey: .unitIds)
        case .kinds(let kinds, let under):
            try container.encode(kinds, forKey: .kinds)
            try container.encode(under, forKey: .underUnitId)
        }
    }
}
