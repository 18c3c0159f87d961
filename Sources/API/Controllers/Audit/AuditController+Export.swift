import Events
import Hummingbird
import NIOCore

extension AuditController {
    /// `GET /v1/audit/export?from=&to=`: the log from position `from` through `to` (inclusive; the head
    /// when absent or beyond it) as NDJSON, streamed page by page so the export is never held in memory whole.
    @Sendable func export(_ request: Request, context: LedgerRequestContext) async throws -> Response {
        try AuditAccess.require(context)
        let query = QueryParameters(request)
        let from = try query.integer("from", in: 1...Int64.max, default: 1)
        let head = try await store.headPosition()
        // `to` below `from`, or `from` beyond the head, is an empty export, not an error.
        let to = min(try query.integer("to", in: 1...Int64.max, default: Int64.max), head)
        // The first page is read before answering, so an unreachable database is still a 503 problem.
        let store = self.store
        let first = try await store.exportPage(after: from - 1, through: to)
        let body = Hummingbird.ResponseBody { writer in
            var page = first
            while let last = page.last {
                var buffer = ByteBuffer()
                for event in page { buffer.writeBytes(try ExportLine.bytes(of: event)) }
                try await writer.write(buffer)
                page = try await store.exportPage(after: last.position, through: to)
            }
            try await writer.finish(nil)
        }
        return Response(
            status: .ok,
            headers: [
                .contentType: "application/x-ndjson", .cacheControl: "no-store",
                .contentDisposition: "attachment; filename=\"opinion-ledger-\(from)-\(to).ndjson\"",
            ],
            body: body)
    }
}
