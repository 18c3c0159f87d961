/// The OpenAPI 3.1 document of every route, `OpenAPI/openapi.json`, compiled into the binary by the
/// `EmbeddedFiles` build plugin (the JSON file stays the only source).
enum OpenAPIDocument {
    /// The document's path under the target's folder.
    static let path = "OpenAPI/openapi.json"

    /// The document's UTF-8 bytes.
    static func bytes() throws -> [UInt8] {
        guard let file = EmbeddedFiles.all.first(where: { $0.path == path }) else {
            throw APIError(.internalError, "\(path) was not embedded in the binary")
        }
        return Array(file.text.utf8)
    }
}
