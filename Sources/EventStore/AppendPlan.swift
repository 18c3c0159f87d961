import Events
import Foundation

/// An append request checked and encoded before it reaches the database.
struct PreparedAppend: Sendable {
    let request: AppendRequest
    /// Canonical JSON of each event's payload, in order.
    let dataJSON: [JSONValue]
    /// The metadata as JSON, shared by all events of the request.
    let metadataJSON: JSONValue
    let metadataText: String
    let dataTexts: [String]

    /// The most events one append may carry.
    static let maximumEvents = 1_000
    /// The largest canonical payload one event may carry.
    static let maximumEventBytes = 1 << 20

    /// Validates and encodes a request; throws `invalidAppend` naming the field at fault.
    init(_ request: AppendRequest) throws(EventStoreError) {
        guard !request.events.isEmpty else { throw .invalidAppend(field: "events", reason: "at least one event is required") }
        guard request.events.count <= Self.maximumEvents else {
            throw .invalidAppend(field: "events", reason: "at most \(Self.maximumEvents) events per append")
        }
        if case .exact(let version) = request.expectedVersion, version < 0 {
            throw .invalidAppend(field: "expectedVersion", reason: "must not be negative")
        }
        var dataTexts: [String] = []
        for (index, event) in request.events.enumerated() {
            guard EventTypeName.isValid(event.type) else {
                throw .invalidAppend(field: "events[\(index)].type", reason: "must match \(EventTypeName.pattern)")
            }
            guard event.schemaVersion > 0 else {
                throw .invalidAppend(field: "events[\(index)].schemaVersion", reason: "must be at least 1")
            }
            do {
                let bytes = try event.data.canonicalBytes()
                guard bytes.count <= Self.maximumEventBytes else {
                    throw EventStoreError.invalidAppend(field: "events[\(index)].data", reason: "larger than 1 MiB")
                }
                dataTexts.append(String(decoding: bytes, as: UTF8.self))
            } catch let error as CanonicalFormError {
                throw .invalidAppend(field: "events[\(index)].data", reason: "\(error)")
            } catch let error as EventStoreError {
                throw error
            } catch {
                throw .invalidAppend(field: "events[\(index)].data", reason: "\(error)")
            }
        }
        do {
            let metadata = try JSONValue.encoding(request.metadata)
            self.metadataJSON = metadata
            self.metadataText = String(decoding: try metadata.canonicalBytes(), as: UTF8.self)
        } catch {
            throw .invalidAppend(field: "metadata", reason: "\(error)")
        }
        self.request = request
        self.dataJSON = request.events.map(\.data)
        self.dataTexts = dataTexts
    }
}
