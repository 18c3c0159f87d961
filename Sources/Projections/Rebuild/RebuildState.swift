/// Where the latest rebuild of a projection stands, as stored in `projection_rebuilds`.
public struct RebuildState: Sendable, Hashable, Codable {
    /// How a rebuild ended, or that it still runs.
    public enum Phase: String, Sendable, Hashable, Codable {
        case running, completed, failed
        /// Recorded as running, but the process that ran it is gone.
        case interrupted
    }

    /// The projection's name.
    public var name: String
    /// Running, completed, failed or interrupted.
    public var phase: Phase
    /// The position the replay into the shadow tables has reached.
    public var position: Int64
    /// The log's head when the rebuild started: 100 % once `position` reaches it.
    public var target: Int64
    /// When it started and ended (RFC 3339).
    public var startedAt: String
    public var finishedAt: String?
    /// Why it failed.
    public var error: String?

    /// Progress in whole percent (100 when the log was empty).
    public var percent: Int {
        if phase == .completed || target <= 0 { return 100 }
        return Int(min(100, (position * 100) / target))
    }
}
