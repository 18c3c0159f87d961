import Events
import Metrics

/// The store's figures for `/metrics` (swift-metrics; no-ops until a metrics backend is bootstrapped):
/// appends by outcome, events appended, requests per group-commit batch and the batch's commit time.
enum AppendMetrics {
    static let committed = Counter(label: "ledger_appends_total", dimensions: [("outcome", "committed")])
    static let refused = Counter(label: "ledger_appends_total", dimensions: [("outcome", "refused")])
    static let events = Counter(label: "ledger_appended_events_total")
    static let batchSize = Recorder(label: "ledger_append_batch_size", aggregate: true)
    static let commitDuration = Timer(label: "ledger_append_commit_duration_seconds", preferredDisplayUnit: .seconds)

    /// Records one batch written (or refused) by the group-commit writer.
    static func record(batch: Int, outcomes: [GroupCommitQueue.Outcome], took: Duration) {
        batchSize.record(batch)
        commitDuration.recordNanoseconds(Int64(took.components.seconds) * 1_000_000_000 + took.components.attoseconds / 1_000_000_000)
        var appended = 0
        var failures = 0
        for outcome in outcomes {
            switch outcome {
            case .success(let result): appended += result.replayed ? 0 : result.positions.count
            case .failure: failures += 1
            }
        }
        if outcomes.count > failures { committed.increment(by: outcomes.count - failures) }
        if failures > 0 { refused.increment(by: failures) }
        if appended > 0 { events.increment(by: appended) }
    }
}
