/// Whether the database can be reached right now, as the server's probe last saw it. The HTTP layer
/// answers 503 at once while it cannot, and stops waiting for work that needs it when it goes away.
public protocol DatabaseAvailability: Sendable {
    /// True while the last probe reached the database.
    var isAvailable: Bool { get }
    /// Returns once the database is found unreachable (at once if it already is), or when the
    /// calling task is cancelled.
    func untilUnavailable() async
}
