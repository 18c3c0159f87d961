import Crypto
import Events
import Projections

/// Reads incidents from the log: one incident's state (now or at a cut), the survivor a merged
/// incident points to, the incidents merged into one, and URL claims.
struct IncidentLoader {
    let store: any EventStore
    let models: ReadModels

    /// The most merges followed from one incident to its survivor.
    static let maximumMergeHops = 32

    /// The incident's state from its stream, with the events inside `cut`.
    func state(_ incidentId: String, cut: ReadCut = .now) async throws -> IncidentState {
        guard let stream = IncidentEvent.streamId(of: incidentId) else { return .initial }
        return try IncidentState.folding(try await store.readWholeStream(stream).filter(cut.contains))
    }

    /// The incident that `incidentId` ends up in after following merges (itself when not merged);
    /// nil when no such incident exists.
    func survivor(of incidentId: String) async throws -> IncidentState? {
        var id = incidentId
        for _ in 0..<Self.maximumMergeHops {
            let state = try await state(id)
            guard state.exists else { return nil }
            guard let next = state.mergedInto else { return state }
            id = next
        }
        return nil
    }

    /// The ids of incidents merged into `incidentId` (directly), as the events inside `cut` say.
    func absorbed(into incidentId: String, cut: ReadCut = .now) async throws -> [String] {
        try await models.mergeLinks.absorbed(into: incidentId, at: try await models.position(of: cut))
    }

    /// The claim stream of a canonical URL: `urlclaim-<hex SHA-256>`.
    static func claimStream(_ url: CanonicalURL) -> StreamID {
        let digest = SHA256.hash(data: Array(url.rawValue.utf8)).map { String(format: "%02x", $0) }.joined()
        return StreamID(IncidentURLClaimed.streamPrefix + digest)!
    }

    /// The incident a canonical URL was claimed for, if any.
    func claim(_ url: CanonicalURL) async throws -> IncidentURLClaimed? {
        guard let first = try await store.readStream(Self.claimStream(url), fromVersion: 1, limit: 1).first else { return nil }
        return try EventDecoder().decode(first, as: IncidentURLClaimed.self)
    }

    /// Claims `url` for `incidentId`; false when another incident claimed it first.
    func claim(_ url: CanonicalURL, for incidentId: String, actor: ActorRef, now: Timestamp) async throws -> Bool {
        let event = try NewEvent(IncidentURLClaimed(canonicalUrl: url.rawValue, incidentId: incidentId, claimedAt: now))
        do {
            _ = try await store.append(
                AppendRequest(
                    stream: Self.claimStream(url), expectedVersion: .noStream, events: [event], metadata: EventMetadata(actor: actor)))
            return true
        } catch .wrongExpectedVersion {
            return false
        }
    }

    /// The incident id of a log whose URL is `url`: derived from the URL alone, so every writer that
    /// races on the same story targets the same stream.
    static func incidentId(for url: CanonicalURL) -> String {
        var bytes = Array(SHA256.hash(data: Array("incident\n\(url.rawValue)".utf8)).prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x50
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let hex = bytes.map { String(format: "%02x", $0) }.joined()
        let parts = [
            hex.prefix(8), hex.dropFirst(8).prefix(4), hex.dropFirst(12).prefix(4), hex.dropFirst(16).prefix(4), hex.dropFirst(20),
        ]
        return parts.joined(separator: "-")
    }
}
