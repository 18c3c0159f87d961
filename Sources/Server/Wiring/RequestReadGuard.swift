import API
import Foundation
import HTTPTypes
import NIOCore
import NIOHTTP1
import NIOHTTPTypes

/// Guards every HTTP/1 connection between the HTTP parser and the handlers.
///
/// - A request whose head has arrived must arrive whole (its body too) within `readTimeout`; when it
///   does not, the handler reading its body is told `request-timeout` (408) and the connection closes
///   once that answer is written. (A connection that never completes a head is closed by the server's
///   idle timeout.)
/// - A request the parser refuses before any handler saw it (an oversized or malformed head, a
///   malformed request between two others) is answered here with a problem document and the
///   connection closed: 431 `headers-too-large` for header fields over the parser's limit, else 400
///   `malformed-request`. A refusal in the middle of a body (a chunk size that is not hex, a body
///   shorter than its `Content-Length` when the client closes) reaches the handler reading the body,
///   and `ProblemMiddleware` answers it with a 400.
final class RequestReadGuard: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let readTimeout: TimeAmount
    /// The timeout as the problem's detail says it, e.g. `30 s`.
    private let readTimeoutText: String
    private var deadline: Scheduled<Void>?
    /// Requests whose head was read and whose response has not ended.
    private var answering = 0
    /// Whether a request ran out of time: the connection closes after its answer.
    private var timedOut = false

    init(readTimeout: TimeAmount) {
        self.readTimeout = readTimeout
        self.readTimeoutText = String(format: "%g s", Double(readTimeout.nanoseconds) / 1e9)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head:
            answering += 1
            startDeadline(context)
        case .body:
            break
        case .end:
            cancelDeadline()
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        guard case .end = unwrapOutboundIn(data) else { return context.write(data, promise: promise) }
        answering = max(0, answering - 1)
        guard timedOut else { return context.write(data, promise: promise) }
        context.writeAndFlush(data, promise: promise)
        context.close(promise: nil)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard answering == 0, let refusal = error as? HTTPParserError else { return context.fireErrorCaught(error) }
        let problem =
            refusal == .headerOverflow
            ? APIError(.headersTooLarge, "the request's header fields exceed the server's limit of 80 KiB")
            : APIError(.malformedRequest, "the request could not be parsed as HTTP/1.1 (\(refusal))")
        answer(context, problem)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        cancelDeadline()
    }

    func channelInactive(context: ChannelHandlerContext) {
        cancelDeadline()
        context.fireChannelInactive()
    }

    private func startDeadline(_ context: ChannelHandlerContext) {
        cancelDeadline()
        deadline = context.eventLoop.assumeIsolated().scheduleTask(in: readTimeout) {
            self.deadline = nil
            self.timedOut = true
            context.fireErrorCaught(APIError(.requestTimeout, "the request did not arrive whole within \(self.readTimeoutText)"))
            // A handler that does not read the body never answers the timeout: close after a grace period.
            context.eventLoop.assumeIsolated().scheduleTask(in: .seconds(5)) {
                if context.channel.isActive { context.close(promise: nil) }
            }
        }
    }

    private func cancelDeadline() {
        deadline?.cancel()
        deadline = nil
    }

    /// Writes `problem` as the answer to a request no handler saw, and closes the connection.
    private func answer(_ context: ChannelHandlerContext, _ problem: APIError) {
        let body = (try? JSONEncoder().encode(ProblemDetails(problem, instance: nil))) ?? Data()
        var fields = HTTPFields()
        fields[.contentType] = "application/problem+json"
        fields[.contentLength] = String(body.count)
        fields[.connection] = "close"
        context.write(wrapOutboundOut(.head(HTTPResponse(status: problem.status, headerFields: fields))), promise: nil)
        context.write(wrapOutboundOut(.body(context.channel.allocator.buffer(bytes: body))), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil))).assumeIsolated().whenComplete { _ in
            context.close(promise: nil)
        }
    }
}
