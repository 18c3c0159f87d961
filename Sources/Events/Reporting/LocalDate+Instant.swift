import Foundation

/// Between wall-clock dates and instants, always in a zone the caller passes in.
extension LocalDate {
    /// The date a wall clock in `timeZone` shows at `instant`, or nil outside 0001–9999.
    public init?(_ instant: Timestamp, in timeZone: TimeZone) {
        let seconds = instant.microsecondsSinceEpoch.floorDivided(by: 1_000_000)
        let local = seconds + Int64(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds))))
        self.init(dayNumber: Int(local.floorDivided(by: 86_400)))
    }

    /// The instant a wall clock in `timeZone` shows this date at `time`. A time that a daylight-saving
    /// change repeats is its first occurrence; one that a change skips is moved on by the skipped length.
    public func instant(at time: LocalTime, in timeZone: TimeZone) -> Timestamp {
        let wall = Int64(dayNumber) * 86_400 + Int64(time.secondsSinceMidnight)
        func offset(at seconds: Int64) -> Int64 {
            Int64(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds))))
        }
        // The offsets in force a day either side; a zone changes its offset at most once in between.
        let before = offset(at: wall - 86_400)
        let after = offset(at: wall + 86_400)
        let candidates = [wall - max(before, after), wall - min(before, after)]
        let seconds = candidates.first { $0 + offset(at: $0) == wall } ?? wall - before
        return Timestamp(microsecondsSinceEpoch: seconds * 1_000_000)
    }
}

extension Int64 {
    /// The quotient rounded towards minus infinity, so instants before 1970 fall on the right day.
    fileprivate func floorDivided(by divisor: Int64) -> Int64 {
        let (quotient, remainder) = quotientAndRemainder(dividingBy: divisor)
        return remainder < 0 ? quotient - 1 : quotient
    }
}
