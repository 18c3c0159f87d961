/// How long a clock runs from its start: an amount of a unit.
public struct ClockAllowance: Sendable, Hashable, Codable {
    /// The units an allowance is counted in.
    public enum Unit: String, Sendable, Hashable, Codable, CaseIterable {
        /// Exact hours from the start.
        case hours
        /// Calendar days of 24 hours from the start.
        case days
        /// Monday–Friday days in Asia/Ho_Chi_Minh, due at the start's wall-clock time (public holidays
        /// are not modelled).
        case workingDays
        /// The outlet's next issue: `amount` is the issue interval in days (a weekly: 7).
        case nextIssue
        /// At once: due at the end of the local day the clock starts (`amount` is ignored, use 0).
        case immediately
    }

    /// How many units (0…3660).
    public var amount: Int
    /// The unit.
    public var unit: Unit

    /// The largest amount accepted.
    public static let maximumAmount = 3660

    /// Creates an allowance.
    public init(amount: Int, unit: Unit) {
        self.amount = amount
        self.unit = unit
    }
}
