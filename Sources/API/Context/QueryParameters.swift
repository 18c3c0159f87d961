import Events
import Hummingbird

/// Typed, validated access to query parameters; a bad value is a 400 naming the parameter.
struct QueryParameters {
    private let values: [String: String]

    init(_ request: Request) {
        var result: [String: String] = [:]
        for (key, value) in request.uri.queryParameters where result[String(key)] == nil {
            result[String(key)] = String(value)
        }
        self.values = result
    }

    /// An integer in `range`, or `defaultValue` when absent.
    func integer(_ name: String, in range: ClosedRange<Int64>, default defaultValue: Int64) throws(APIError) -> Int64 {
        guard let text = values[name] else { return defaultValue }
        guard let value = Int64(text), range.contains(value) else {
            throw .invalidParameter(name, "'\(name)' must be an integer from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    /// A stream id, or nil when absent.
    func streamID(_ name: String) throws(APIError) -> StreamID? {
        guard let text = values[name] else { return nil }
        guard let stream = StreamID(text) else {
            throw .invalidParameter(name, "'\(name)' must match ^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$")
        }
        return stream
    }

    /// A string matching `isValid`, or nil when absent.
    func string(_ name: String, rule: String, isValid: (String) -> Bool) throws(APIError) -> String? {
        guard let text = values[name] else { return nil }
        guard isValid(text) else { throw .invalidParameter(name, "'\(name)' must match \(rule)") }
        return text
    }
}
