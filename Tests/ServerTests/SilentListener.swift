import Foundation
import LedgerTestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// A TCP port on 127.0.0.1 that accepts connections (the kernel completes them from the backlog) and
/// never answers a byte: a PostgreSQL that is hung, or behind a network that drops its replies.
final class SilentListener: @unchecked Sendable {
    let fd: Int32
    let port: Int

    init() throws {
        let (fd, port) = try LedgerProcess.boundLoopbackSocket()
        guard listen(fd, 16) == 0 else {
            Glibc.close(fd)
            throw SetupError("cannot listen on 127.0.0.1")
        }
        self.fd = fd
        self.port = port
    }

    func close() { Glibc.close(fd) }
}
