import Foundation

/// The request an event is appended for, as the HTTP layer knows it: the W3C trace it belongs to and
/// the request's own id. Set for the duration of a request (a task-local value), so every event a
/// request appends records them in its metadata without each handler passing them along.
public struct RequestTrace: Sendable, Hashable {
    /// The trace id of the request's `traceparent` (its 16 bytes), else a fresh one per request:
    /// becomes the events' `correlationId`.
    public var correlationId: UUID
    /// The request's id (`X-Request-ID` when it is a UUID, else one made for the request): becomes
    /// the events' `causationId`.
    public var causationId: UUID

    /// Creates a trace.
    public init(correlationId: UUID, causationId: UUID) {
        self.correlationId = correlationId
        self.causationId = causationId
    }

    /// The trace of the request being answered, if any.
    @TaskLocal public static var current: RequestTrace?

    /// The trace id of a W3C `traceparent` header (`00-<32 hex>-<16 hex>-<2 hex>`), as a UUID of the
    /// same 16 bytes; nil when the header is malformed or its ids are all zeros (the standard's invalid values).
    public static func traceId(ofTraceparent header: String) -> UUID? {
        let parts = header.trimmingCharacters(in: .whitespaces).split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count >= 4, parts[0].count == 2, parts[0] != "ff", parts[1].count == 32, parts[2].count == 16, parts[3].count == 2,
            parts.prefix(4).allSatisfy({ $0.allSatisfy(\.isHexDigit) && $0 == $0.lowercased() }),
            parts[0] != "00" || parts.count == 4,
            parts[1].contains(where: { $0 != "0" }), parts[2].contains(where: { $0 != "0" })
        else { return nil }
        let hex = Array(parts[1])
        let text = "\(String(hex[0..<8]))-\(String(hex[8..<12]))-\(String(hex[12..<16]))-\(String(hex[16..<20]))-\(String(hex[20..<32]))"
        return UUID(uuidString: text)
    }
}
