import Events
import Foundation

/// Instants written as a wall clock in a given zone shows them, with that zone's offset.
enum LocalInstant {
    /// RFC 3339 to the second with the zone's offset at that instant, e.g. `2024-10-23T00:00:00+07:00`.
    static func rfc3339(_ instant: Timestamp, in zone: TimeZone) -> String {
        let micros = instant.microsecondsSinceEpoch
        let seconds = micros / 1_000_000 - (micros % 1_000_000 < 0 ? 1 : 0)
        let offset = zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds)))
        guard let date = LocalDate(instant, in: zone) else { return instant.rfc3339 }
        let local = seconds + Int64(offset)
        let ofDay = Int(((local % 86_400) + 86_400) % 86_400)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let sign = offset < 0 ? "-" : "+"
        let absolute = abs(offset) / 60
        return "\(date)T\(two(ofDay / 3600)):\(two(ofDay / 60 % 60)):\(two(ofDay % 60))\(sign)\(two(absolute / 60)):\(two(absolute % 60))"
    }
}
