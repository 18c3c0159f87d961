import EventStore
import Events
import Foundation

/// Writes a realistic log for the rebuild benchmark: incidents (logged, seen again, assigned, half of
/// them resolved) and monthly reports (filed, then accepted), made by the write side's own deciders'
/// event types and appended concurrently, one append per stream.
struct RebuildBenchLog: Sendable {
    let store: PostgresEventStore
    let incidents: Int
    let reports: Int
    let writers: Int

    /// The events of one incident's stream (3 or 4).
    static func incident(_ index: Int, at now: Timestamp) throws -> (StreamID, [NewEvent]) {
        let id = String(format: "00000000-0000-5000-8000-%012d", index)
        let unit = "xa-\(index % 500)"
        let severities = IncidentSeverity.allCases
        var events: [IncidentEvent] = [
            .logged(
                IncidentLogged(
                    incidentId: id, source: .electronicNews, outlet: "Báo Mới", url: "https://baomoi.vn/tin-\(index).epi",
                    canonicalUrl: "https://baomoi.vn/tin-\(index).epi", publishedAt: now, author: nil,
                    title: "Phản ánh số \(index) về chậm bồi thường giải phóng mặt bằng",
                    summary: "Người dân phản ánh việc chậm chi trả bồi thường tại dự án đường tỉnh.",
                    topics: ["đất đai", "bồi thường"], unitIds: [unit], severity: severities[index % severities.count], reach: 1_200,
                    hotSpot: index % 10 == 0, pressRequest: nil, loggedAt: now)),
            .sightingAdded(
                SightingAdded(
                    incidentId: id, source: .socialMedia, outlet: "Facebook", url: nil, canonicalUrl: nil, publishedAt: now,
                    author: nil, title: nil, reach: 5_000, addedAt: now)),
            .assigned(IncidentAssigned(incidentId: id, unitId: unit, dueAt: now, note: nil, assignedAt: now)),
        ]
        if index % 2 == 0 {
            events.append(.resolved(IncidentResolved(incidentId: id, resolution: "Đã trả lời công dân.", resolvedAt: now)))
        }
        return (IncidentEvent.streamId(of: id)!, try events.map { try $0.newEvent() })
    }

    /// The events of one reporting duty's stream: filed, then accepted.
    static func report(_ index: Int, at now: Timestamp) throws -> (StreamID, [NewEvent]) {
        let duty = ReportingDuty(
            obligationId: "bao-cao-thang", unitId: "xa-\(index % 5_000)",
            period: try Period(parsing: "20\(10 + index / 60_000)-\(String(format: "%02d", index / 5_000 % 12 + 1))"))
        let content = ReportContent(summary: "Tình hình dư luận xã hội tháng", body: String(repeating: "Nội dung báo cáo. ", count: 20))
        let terms = DutyTerms(applies: true, confidentialAllowed: false)
        let filed = try ReportDecider.decide(
            .file(reportId: "r-\(index)", content: content, confidential: false, channel: .api, receivedAt: nil), duty: duty,
            state: .initial, terms: terms, now: now)
        let state = filed.reduce(DutyState.initial, DutyState.evolve)
        let accepted = try ReportDecider.decide(.accept, duty: duty, state: state, terms: terms, now: now)
        return (duty.streamId!, try (filed + accepted).map { try $0.newEvent() })
    }

    /// Appends every stream, `writers` at a time; returns the number of events written.
    func write() async throws -> Int {
        let now = Timestamp(Date())
        let total = incidents + reports
        return try await withThrowingTaskGroup(of: Int.self) { group in
            for writer in 0..<writers {
                group.addTask {
                    var written = 0
                    for index in stride(from: writer, to: total, by: writers) {
                        let (stream, events) =
                            index < incidents ? try Self.incident(index, at: now) : try Self.report(index - incidents, at: now)
                        _ = try await store.append(
                            AppendRequest(
                                stream: stream, expectedVersion: .noStream, events: events,
                                metadata: EventMetadata(actor: .system("bench-rebuild"))))
                        written += events.count
                    }
                    return written
                }
            }
            return try await group.reduce(0, +)
        }
    }
}
