import Events
import Foundation

/// Builds the benchmark's events: a JSON object whose canonical form is about `bytes` long.
struct BenchPayload: Sendable {
    /// The event type of every benchmark event.
    static let eventType = "BenchAppended"

    /// The filler string that brings the payload up to size.
    private let filler: String

    /// Sizes the filler so that `event(writer:sequence:)` encodes to about `bytes` bytes of canonical JSON.
    init(bytes: Int) throws {
        let skeleton = try Self.data(writer: 0, sequence: 0, filler: "").canonicalBytes().count
        filler = String(repeating: "x", count: max(0, bytes - skeleton))
    }

    /// The canonical size of a typical payload, for the report.
    func canonicalSize() throws -> Int {
        try Self.data(writer: 0, sequence: 0, filler: filler).canonicalBytes().count
    }

    /// A new event (fresh id) for `writer`'s `sequence`-th append.
    func event(writer: Int, sequence: Int) -> NewEvent {
        NewEvent(type: Self.eventType, data: Self.data(writer: writer, sequence: sequence, filler: filler))
    }

    private static func data(writer: Int, sequence: Int, filler: String) -> JSONValue {
        .object([
            "writer": .integer(Int64(writer)),
            "sequence": .integer(Int64(sequence)),
            "note": .string(filler),
        ])
    }
}
