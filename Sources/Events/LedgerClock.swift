import Foundation

/// The service's clock and time zone, passed in from the edge so that deciders, reducers and tests
/// never read the system clock themselves.
public struct LedgerClock: Sendable {
    /// The current instant.
    public let now: @Sendable () -> Timestamp
    /// The zone that dates and deadlines are reckoned in (Asia/Ho_Chi_Minh by default).
    public let timeZone: TimeZone

    /// The default zone of the domain.
    public static let vietnam = TimeZone(identifier: "Asia/Ho_Chi_Minh")!

    /// Creates a clock.
    public init(timeZone: TimeZone = LedgerClock.vietnam, now: @escaping @Sendable () -> Timestamp = { Timestamp(Date()) }) {
        self.now = now
        self.timeZone = timeZone
    }

    /// Today's date in the clock's zone.
    public func today() -> LocalDate {
        date(of: now())
    }

    /// The local date of an instant in the clock's zone.
    public func date(of instant: Timestamp) -> LocalDate {
        LocalDate(instant, in: timeZone) ?? (instant < Timestamp(microsecondsSinceEpoch: 0) ? .earliest : .latest)
    }
}
