import Events
import Foundation
import HTTPTypes
import Hummingbird

/// How every write reads its JSON body: the media type checked (415 for anything but JSON), the text
/// read strictly (`JSONValue.parseInput`: numbers never rounded, repeated keys refused) and decoded
/// with every member accounted for (`JSONValue.decodeInput`: unknown members refused). Each refusal
/// is a 400 problem naming the member at fault.
enum RequestBody {
    /// Refuses a body declared as anything but JSON. A body without `Content-Type` is read as JSON.
    static func checkMediaType(_ request: Request) throws(APIError) {
        guard let declared = request.headers[.contentType] else { return }
        guard isJSON(declared) else {
            throw APIError(
                .unsupportedMediaType, "the body must be JSON sent as application/json, not \(declared)", field: "Content-Type")
        }
    }

    /// Whether a `Content-Type` value is `application/json`, with no charset but UTF-8.
    static func isJSON(_ value: String) -> Bool {
        let parts = value.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard parts.first == "application/json" else { return false }
        for parameter in parts.dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2 else { return false }
            if pair[0] == "charset", pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"")) != "utf-8" { return false }
        }
        return true
    }

    /// The body as `Body`: a JSON object whose every member `Body` reads, every number exact.
    static func decode<Body: Decodable>(_ type: Body.Type, from buffer: ByteBuffer) throws -> Body {
        guard buffer.readableBytes > 0 else { throw APIError(.invalidBody, "a JSON body is required") }
        let json: JSONValue
        do {
            json = try JSONValue.parseInput(buffer.readableBytesView)
        } catch {
            throw APIError(.invalidBody, error.reason, field: error.field)
        }
        guard case .object = json else { throw APIError(.invalidBody, "the body must be a JSON object") }
        do {
            return try json.decodeInput(as: Body.self)
        } catch let error as JSONInputError {
            throw APIError(.invalidBody, error.reason, field: error.field)
        }
    }
}
