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

    /// The raw text of a parameter (the first, when repeated).
    func value(_ name: String) -> String? { values[name] }

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
            throw .invalidParameter(name, "'\(name)' must match \(StreamID.pattern)")
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

extension QueryParameters {
    /// A `YYYY-MM-DD` date, or nil when absent.
    func localDate(_ name: String) throws(APIError) -> LocalDate? {
        guard let text = value(name) else { return nil }
        guard let date = try? LocalDate(parsing: text) else {
            throw .invalidParameter(name, "'\(name)' must be a date like 2024-10-23")
        }
        return date
    }

    /// An RFC 3339 instant with offset, or nil when absent.
    func instant(_ name: String) throws(APIError) -> Timestamp? {
        guard let text = value(name) else { return nil }
        guard let instant = Timestamp(rfc3339: text) else {
            throw .invalidParameter(name, "'\(name)' must be an RFC 3339 instant like 2024-10-22T17:00:00+07:00")
        }
        return instant
    }

    /// `true` or `false`, or nil when absent.
    func boolean(_ name: String) throws(APIError) -> Bool? {
        guard let text = value(name) else { return nil }
        switch text {
        case "true": return true
        case "false": return false
        default: throw .invalidParameter(name, "'\(name)' must be true or false")
        }
    }
}
