/// What checking the item found (kiểm tra, xác minh, kiểm chứng).
public enum VerificationOutcome: String, Sendable, Hashable, Codable, CaseIterable {
    case accurate, partlyAccurate, inaccurate, unverifiable

    /// Whether the outcome allows a correction request or a rebuttal: the item was wrong at least in part.
    public var warrantsCorrection: Bool { self == .inaccurate || self == .partlyAccurate }
}

/// The kinds of response a unit issues about an incident.
public enum ResponseKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// A written official response sent to the outlet.
    case officialResponse
    /// A request that the outlet run a correction (cải chính); needs an inaccurate or partly accurate verification.
    case correctionRequest
    /// Accurate information published to rebut a false item (phản bác); needs the same verification.
    case rebuttal
    /// Information given to the press.
    case informationProvided
    /// The person who raised the opinion was told the result.
    case citizenInformed

    /// Whether this kind needs a verification that found the item inaccurate or partly accurate.
    public var needsCorrectableVerification: Bool { self == .correctionRequest || self == .rebuttal }
}

/// How often the outlet that is asked for a correction publishes; the correction clock depends on it
/// (Press Law 2016 Art. 42(5): online at once, daily within 2 days, weekly in the next issue).
public enum OutletPeriodicity: String, Sendable, Hashable, Codable, CaseIterable {
    case online, daily, weekly
}

/// Where an incident stands. `open` covers everything before resolution (logged, assigned, verified, answered).
public enum IncidentStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case open, resolved, closed, merged
}
