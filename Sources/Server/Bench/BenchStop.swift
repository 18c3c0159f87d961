/// When the writers of one level stop: after a fixed time, or after a fixed number of appends.
enum BenchStop: Sendable, Hashable, CustomStringConvertible {
    /// Each writer keeps appending until this much time has passed since the level started.
    case duration(Duration)
    /// The writers share this many appends between them, as evenly as possible.
    case appends(Int)

    /// How many appends writer `index` of `writers` performs in `.appends` mode; nil in `.duration` mode.
    func quota(writer index: Int, of writers: Int) -> Int? {
        guard case .appends(let total) = self else { return nil }
        return total / writers + (index < total % writers ? 1 : 0)
    }

    /// `10 s per level` or `5000 appends per level`.
    var description: String {
        switch self {
        case .duration(let duration): return "\(duration.seconds.formatted(decimals: 1)) s per level"
        case .appends(let count): return "\(count) appends per level"
        }
    }
}
