import Events
import Foundation

/// The pure heart of a group commit: given the log's head, the current versions of the streams
/// involved and the idempotency records already stored, decides for each request in order whether it
/// is appended, replayed or refused, and computes the rows (positions, versions, hash chain) to insert.
struct AppendPlanner {
    /// The last event in the log when the batch started.
    struct Head: Sendable, Hashable {
        var position: Int64
        var hash: String
        var recordedAt: Timestamp

        static let empty = Head(position: 0, hash: CanonicalEvent.genesisHash, recordedAt: Timestamp(microsecondsSinceEpoch: 0))
    }

    /// An idempotency record: what the key was used for and what it answered.
    struct IdempotencyRecord: Sendable, Hashable {
        var fingerprint: String
        var result: AppendResult
    }

    /// A row of the `events` table, ready to insert.
    struct EventRow: Sendable, Hashable {
        var position: Int64
        var id: UUID
        var streamId: String
        var streamVersion: Int64
        var type: String
        var schemaVersion: Int32
        var data: String
        var metadata: String
        var recordedAt: String
        var previousHash: String
        var hash: String
        /// `recordedAt` as a timestamp, for the inline read models.
        var recorded: Timestamp
    }

    /// A row of the `idempotency_keys` table, ready to insert.
    struct IdempotencyRow: Sendable, Hashable {
        var scope: String
        var key: String
        var fingerprint: String
        var result: AppendResult
    }

    private(set) var head: Head
    private var versions: [StreamID: Int64]
    private var keys: [IdempotencyKeyID: IdempotencyRecord]
    /// The position of the last event matching each of the batch's conditions.
    private var lastMatching: [AppendCondition: Int64]
    private let recordedAt: Timestamp

    private(set) var eventRows: [EventRow] = []
    private(set) var idempotencyRows: [IdempotencyRow] = []

    /// Starts a plan from the facts read under the append lock.
    init(
        head: Head, versions: [StreamID: Int64], keys: [IdempotencyKeyID: IdempotencyRecord], lastMatching: [AppendCondition: Int64] = [:],
        now: Timestamp
    ) {
        self.head = head
        self.versions = versions
        self.keys = keys
        self.lastMatching = lastMatching
        // Recorded time never goes backwards along the log, so "as of" reads can bisect by time.
        self.recordedAt = max(now, head.recordedAt)
    }

    /// Decides one request; later requests of the batch see its effect.
    mutating func plan(_ prepared: PreparedAppend) -> Result<AppendResult, EventStoreError> {
        let request = prepared.request
        if let idempotency = request.idempotency {
            let id = IdempotencyKeyID(scope: idempotency.scope, key: idempotency.key)
            if let record = keys[id] {
                guard record.fingerprint == idempotency.fingerprint else {
                    return .failure(.idempotencyKeyReused(key: idempotency.key))
                }
                var replay = record.result
                replay.replayed = true
                return .success(replay)
            }
        }
        let current = versions[request.stream] ?? 0
        guard request.expectedVersion.isSatisfied(byCurrent: current) else {
            return .failure(.wrongExpectedVersion(stream: request.stream, expected: request.expectedVersion, actual: current))
        }
        for condition in request.conditions {
            let last = lastMatching[condition] ?? 0
            guard last <= condition.after else { return .failure(.conditionFailed(condition, position: last)) }
        }
        var rows: [EventRow] = []
        var chain = head
        for (index, event) in request.events.enumerated() {
            let position = chain.position + 1
            let version = current + Int64(index) + 1
            let canonical: [UInt8]
            do {
                canonical = try CanonicalEvent.bytes(
                    position: position, id: event.id, streamId: request.stream, streamVersion: version, type: event.type,
                    schemaVersion: event.schemaVersion, data: prepared.dataJSON[index], metadata: prepared.metadataJSON,
                    recordedAt: recordedAt)
            } catch {
                return .failure(.invalidAppend(field: "events[\(index)]", reason: "\(error)"))
            }
            let hash = HashChain.hash(previous: chain.hash, canonical: canonical)
            rows.append(
                EventRow(
                    position: position, id: event.id, streamId: request.stream.rawValue, streamVersion: version,
                    type: event.type, schemaVersion: event.schemaVersion, data: prepared.dataTexts[index],
                    metadata: prepared.metadataText, recordedAt: recordedAt.rfc3339, previousHash: chain.hash, hash: hash,
                    recorded: recordedAt))
            chain = Head(position: position, hash: hash, recordedAt: recordedAt)
        }
        let result = AppendResult(streamVersion: current + Int64(rows.count), positions: rows.map(\.position))
        head = chain
        versions[request.stream] = result.streamVersion
        for condition in lastMatching.keys {
            if let last = rows.last(where: { condition.matches(type: $0.type, stream: $0.streamId) }) {
                lastMatching[condition] = last.position
            }
        }
        eventRows.append(contentsOf: rows)
        if let idempotency = request.idempotency {
            keys[IdempotencyKeyID(scope: idempotency.scope, key: idempotency.key)] =
                IdempotencyRecord(fingerprint: idempotency.fingerprint, result: result)
            idempotencyRows.append(
                IdempotencyRow(scope: idempotency.scope, key: idempotency.key, fingerprint: idempotency.fingerprint, result: result))
        }
        return .success(result)
    }
}

/// The identity of an idempotency key: a client's key within its scope.
struct IdempotencyKeyID: Sendable, Hashable {
    var scope: String
    var key: String
}
