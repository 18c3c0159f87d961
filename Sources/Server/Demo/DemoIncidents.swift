import Events
import Foundation

/// The demo's incidents: press and social-media items about land clearance (giải phóng mặt bằng), new
/// rural development (nông thôn mới) and public services (dịch vụ công) in Bắc Kạn, each taken through
/// the HTTP API as far as its story goes — logged, seen again, assigned, escalated, verified, rebutted,
/// a correction asked for and published, answered, resolved, closed, merged, or left open past its
/// first-information deadline. Times are set relative to the day the demo runs.
///
/// Re-running is harmless: an incident already in the log (found by its title) is skipped whole, so
/// nothing is written twice even though every run acts with new tokens.
struct DemoIncidents {
    let client: DemoClient
    let tokens: DemoTokens
    /// The local day the demo runs on (Asia/Ho_Chi_Minh).
    let today: LocalDate

    init(client: DemoClient, tokens: DemoTokens, clock: LedgerClock = LedgerClock()) {
        self.client = client
        self.tokens = tokens
        self.today = clock.today()
    }

    /// Logs every story that is not in the log yet and takes it through its steps.
    func seed() async throws {
        for story in stories {
            guard try await incidentId(titled: story.title) == nil else { continue }
            try await client.post("v1/incidents", story.log, token: tokens.monitor, key: "incident-\(story.key)")
            guard let id = try await incidentId(titled: story.title) else {
                throw DemoClient.Refused(description: "the demo incident '\(story.title)' was logged but cannot be found")
            }
            for (index, step) in story.steps.enumerated() {
                try await run(step, on: id, key: "incident-\(story.key)-\(index)")
            }
        }
    }

    /// An instant `days` days before today at `time` (hh:mm), local time, as RFC 3339.
    func at(_ days: Int, _ time: String) -> String {
        let date = today.adding(days: -days) ?? today
        let local = (try? LocalTime(parsing: time)) ?? .midnight
        return date.instant(at: local, in: LedgerClock.vietnam).rfc3339
    }
}
