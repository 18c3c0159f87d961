/// A day of the week, numbered as ISO 8601 does (Monday 1 … Sunday 7); a weekly deadline names one.
public enum Weekday: String, Sendable, Hashable, Codable, CaseIterable {
    case monday, tuesday, wednesday, thursday, friday, saturday, sunday

    /// The ISO 8601 number: Monday 1 … Sunday 7.
    public var isoNumber: Int {
        Self.allCases.firstIndex(of: self)! + 1
    }

    /// The weekday with ISO 8601 number `isoNumber`, or nil outside 1...7.
    public init?(isoNumber: Int) {
        guard (1...7).contains(isoNumber) else { return nil }
        self = Self.allCases[isoNumber - 1]
    }
}
