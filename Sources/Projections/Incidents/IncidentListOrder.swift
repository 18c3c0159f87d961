import Events

/// The orders the incident list can be read in. Each is a key (an integer: microseconds or a
/// severity rank) then the incident id, both in the same direction, so a cursor `(key, id)` names a
/// place in the list exactly, whether the list comes from the table or from the events.
public enum IncidentListOrder: String, Sendable, Hashable, CaseIterable {
    /// Newest logged first (the default).
    case loggedAtDescending = "-loggedAt"
    /// Oldest logged first.
    case loggedAt = "loggedAt"
    /// Least severe first.
    case severity = "severity"
    /// Most severe first.
    case severityDescending = "-severity"
    /// Soonest running clock first; incidents with no running clock last.
    case dueAt = "dueAt"
    /// Latest running clock first; incidents with no running clock first.
    case dueAtDescending = "-dueAt"

    /// The value of `sort` when none is given.
    public static let `default` = IncidentListOrder.loggedAtDescending

    /// Whether the key (and the id) go from high to low.
    public var descending: Bool {
        switch self {
        case .loggedAtDescending, .severityDescending, .dueAtDescending: return true
        case .loggedAt, .severity, .dueAt: return false
        }
    }

    /// The row's sort key. An incident without a running clock sorts as if due at the end of time.
    public func key(of row: IncidentRow) -> Int64 {
        switch self {
        case .loggedAt, .loggedAtDescending: return row.loggedAt.microsecondsSinceEpoch
        case .severity, .severityDescending: return Int64(row.severity.rank)
        case .dueAt, .dueAtDescending: return row.nextDueAt?.microsecondsSinceEpoch ?? Self.noClockKey
        }
    }

    /// The key of an incident with no running clock: later than any real instant (year 33658), and
    /// 18 digits, so every cursor fits `^-?[0-9]{1,18}:…`.
    public static let noClockKey: Int64 = 999_999_999_999_999_999

    /// Whether `a` comes before `b` in this order.
    public func precedes(_ a: IncidentRow, _ b: IncidentRow) -> Bool {
        let left = (key(of: a), a.incidentId)
        let right = (key(of: b), b.incidentId)
        return descending ? left > right : left < right
    }

    /// Whether `row` comes after the cursor's place in this order.
    public func isAfter(_ row: IncidentRow, _ cursor: IncidentCursor) -> Bool {
        let place = (key(of: row), row.incidentId)
        let mark = (cursor.key, cursor.incidentId)
        return descending ? place < mark : place > mark
    }
}

/// A place in the incident list: the sort key and id of the last incident of a page. Written in
/// URLs as `<key>:<incidentId>`; opaque to clients.
public struct IncidentCursor: Sendable, Hashable, CustomStringConvertible {
    /// The last row's sort key.
    public var key: Int64
    /// The last row's id.
    public var incidentId: String

    /// Creates a cursor.
    public init(key: Int64, incidentId: String) {
        self.key = key
        self.incidentId = incidentId
    }

    /// The cursor just after `row` in `order`.
    public init(after row: IncidentRow, in order: IncidentListOrder) {
        self.init(key: order.key(of: row), incidentId: row.incidentId)
    }

    /// Parses `<key>:<incidentId>`; nil when malformed.
    public init?(_ text: String) {
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let keyText = text[..<colon]
        let digits = keyText.hasPrefix("-") ? keyText.dropFirst() : keyText
        guard (1...18).contains(digits.utf8.count), digits.utf8.allSatisfy({ (48...57).contains($0) }), let key = Int64(keyText)
        else { return nil }
        let id = String(text[text.index(after: colon)...])
        guard IncidentID.isValid(id) else { return nil }
        self.init(key: key, incidentId: id)
    }

    public var description: String { "\(key):\(incidentId)" }
}

extension IncidentSeverity {
    /// 1 (low) to 4 (critical): the stored `severity_rank`.
    public var rank: Int16 {
        switch self {
        case .low: return 1
        case .medium: return 2
        case .high: return 3
        case .critical: return 4
        }
    }
}
