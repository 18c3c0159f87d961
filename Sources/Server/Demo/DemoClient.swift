import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A small JSON-over-HTTP client for `seed-demo`: it drives the running server exactly as any
/// other system would, with bearer tokens and idempotency keys.
struct DemoClient: Sendable {
    /// A request the server refused.
    struct Refused: Error, CustomStringConvertible {
        let description: String
    }

    let baseURL: URL

    /// POSTs `json` with `token`; returns the status. 201/200 succeed; 409 with the same key means
    /// it exists already (a re-run), which is fine; anything else throws with the problem's detail.
    @discardableResult
    func post(_ path: String, _ json: String, token: String, key: String) async throws -> Int {
        var request = URLRequest(url: baseURL.appendingPathComponent(path))
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        request.setValue("seed-demo-\(key)", forHTTPHeaderField: "Idempotency-Key")
        request.httpBody = Data(json.utf8)
        let (status, body) = try await send(request)
        guard (200..<300).contains(status) || status == 409 else {
            throw Refused(description: "POST \(path) answered \(status): \(body)")
        }
        return status
    }

    /// GETs a path and returns status and body.
    func get(_ path: String, token: String) async throws -> (Int, String) {
        var request = URLRequest(url: URL(string: path, relativeTo: baseURL)!)
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        return try await send(request)
    }

    private func send(_ request: URLRequest) async throws -> (Int, String) {
        try await withCheckedThrowingContinuation { continuation in
            URLSession.shared.dataTask(with: request) { data, response, error in
                if let error { return continuation.resume(throwing: error) }
                let status = (response as? HTTPURLResponse)?.statusCode ?? 0
                continuation.resume(returning: (status, String(decoding: data ?? Data(), as: UTF8.self)))
            }.resume()
        }
    }
}
