import Crypto
import Events
import Foundation
import HTTPTypes
import Hummingbird

/// What every write needs from its HTTP request: the actor, the decoded body, the idempotency key
/// (with a fingerprint of the request) and the `If-Match` version.
struct CommandRequest<Body: Codable & Sendable>: Sendable {
    let actor: ActorRef
    let body: Body
    let idempotency: IdempotencyKey?
    let ifMatch: Int64?

    /// Reads and validates the request; a missing or malformed body or header is a 400 naming it
    /// (`RequestBody`: unknown members and inexact numbers too), a body that is not JSON a 415, a
    /// missing `If-Match` where one is required a 428.
    static func read(
        _ request: Request, context: LedgerRequestContext, requireIfMatch: Bool
    ) async throws -> CommandRequest<Body> {
        let actor = try context.requireActor()
        try RequestBody.checkMediaType(request)
        var request = request
        let body = try RequestBody.decode(Body.self, from: try await request.collectBody(upTo: context.maxUploadSize))
        let idempotency = try idempotencyKey(request, actor: actor, body: body)
        let ifMatch = try ifMatchVersion(request)
        if requireIfMatch, ifMatch == nil {
            throw APIError(.preconditionRequired, "send If-Match with the version (ETag) you last read", field: "If-Match")
        }
        return CommandRequest(actor: actor, body: body, idempotency: idempotency, ifMatch: ifMatch)
    }

    /// The key with a fingerprint of method, path and the decoded body (fields the command uses,
    /// with sorted keys), so whitespace, key order and ignored extra fields do not change it.
    private static func idempotencyKey(_ request: Request, actor: ActorRef, body: Body) throws -> IdempotencyKey? {
        guard let key = request.headers[.idempotencyKey] else { return nil }
        guard (1...200).contains(key.utf8.count), key.utf8.allSatisfy({ (0x21...0x7E).contains($0) }) else {
            throw APIError(.invalidParameter, "Idempotency-Key must be 1 to 200 visible ASCII characters", field: "Idempotency-Key")
        }
        var hasher = SHA256()
        hasher.update(data: Array("\(request.method.rawValue) \(request.uri.path)\n".utf8))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        hasher.update(data: Array(try encoder.encode(body)))
        let fingerprint = hasher.finalize().map { String(format: "%02x", $0) }.joined()
        return IdempotencyKey(scope: actor.tokenId, key: key, fingerprint: fingerprint)
    }

    private static func ifMatchVersion(_ request: Request) throws -> Int64? {
        guard var text = request.headers[.ifMatch]?.trimmingWhitespace() else { return nil }
        if text.hasPrefix("W/") { text.removeFirst(2) }
        if text.hasPrefix("\"") { text.removeFirst() }
        if text.hasSuffix("\"") { text.removeLast() }
        guard let version = Int64(text), version >= 1 else {
            throw APIError(.invalidParameter, "If-Match must be the ETag you read, e.g. \"3\"", field: "If-Match")
        }
        return version
    }
}

extension HTTPField.Name {
    /// The `Idempotency-Key` header (IETF draft) that makes writes safe to retry.
    static let idempotencyKey = HTTPField.Name("Idempotency-Key")!
}

/// A deterministic UUID for a resource created under an idempotency key, so a retried create
/// targets the same stream and is recognised by the store instead of creating a twin.
enum ResourceID {
    static func make(for idempotency: IdempotencyKey?, kind: String) -> String {
        guard let idempotency else { return UUID().uuidString.lowercased() }
        var bytes = Array(SHA256.hash(data: Array("\(kind)\n\(idempotency.scope)\n\(idempotency.key)".utf8)).prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x50
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let uuid = UUID(
            uuid: (
                bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]
            ))
        return uuid.uuidString.lowercased()
    }
}
