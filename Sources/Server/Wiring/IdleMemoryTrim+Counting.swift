import NIOCore
import NIOHTTPTypes

/// Counts every request head read on an HTTP/1 connection into a `RequestCounter`, passing all parts
/// on unchanged. One per connection, next to `RequestReadGuard` in the server's channel handlers.
final class RequestCounting: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart

    private let counter: RequestCounter

    init(_ counter: RequestCounter) {
        self.counter = counter
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .head = unwrapInboundIn(data) { counter.increment() }
        context.fireChannelRead(data)
    }
}
