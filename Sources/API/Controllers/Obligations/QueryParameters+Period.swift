import Events

extension QueryParameters {
    /// A period in its readable form (`2024-10`, `2024-W42`, `2024-Q3`, …), or nil when absent.
    func period(_ name: String) throws(APIError) -> Period? {
        guard let text = value(name) else { return nil }
        do {
            return try Period(parsing: text)
        } catch {
            throw .invalidParameter(name, "'\(name)': \(error.description)")
        }
    }
}
