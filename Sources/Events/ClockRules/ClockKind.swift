/// The legal clocks an incident can run (DOMAIN.md, "Clocks that the law puts on an incident"), and
/// `verification`, the assignment's own due time, which no rule sets.
public enum ClockKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// First official information on a case that stirs public opinion.
    case firstInformation
    /// The answer a press outlet's head asked for.
    case pressAnswer
    /// Telling the outlet the measures taken on a petition it forwarded.
    case petitionMeasures
    /// The outlet running a correction the unit requested.
    case outletCorrection
    /// The verification due time the assignment set (not rule-based).
    case verification

    /// The kinds a clock rule may be defined for (all but `verification`).
    public static let ruled: [ClockKind] = [.firstInformation, .pressAnswer, .petitionMeasures, .outletCorrection]
}
