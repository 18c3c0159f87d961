import Logging
import ServiceLifecycle
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Gives freed heap back to the operating system once the server has been idle.
///
/// glibc's allocator keeps memory freed by request handling in its arenas rather than returning it, so
/// the process's resident set stays at its high-water mark after a burst of requests. Every `interval`
/// this service looks at `requests`; when no request arrived during the last interval and some arrived
/// since the previous trim, it calls glibc's `malloc_trim(0)`, which releases the free pages of every
/// arena. Off when `interval` is zero (`LEDGER_MALLOC_TRIM_IDLE=0`), and a no-op where the C library
/// has no `malloc_trim` (it is looked up at run time, so other C libraries build and run unchanged).
struct IdleMemoryTrim: Service {
    let interval: Duration
    let requests: RequestCounter
    let logger: Logger

    func run() async throws {
        guard interval > .zero, let trim = Self.lookUpMallocTrim() else {
            // Nothing to do; returning early would end the service group, so wait for shutdown.
            try? await gracefulShutdown()
            return
        }
        var seen = requests.value
        var trimmedAt: Int? = nil
        while true {
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            } catch {
                return  // shutting down
            }
            let now = requests.value
            defer { seen = now }
            guard now == seen, trimmedAt != now else { continue }
            let released = trim(0)
            trimmedAt = now
            logger.debug("idle: malloc_trim(0)", metadata: ["released": "\(released != 0)", "requests": "\(now)"])
        }
    }

    /// glibc's `int malloc_trim(size_t pad)`, or nil where the C library does not have it.
    static func lookUpMallocTrim() -> (@convention(c) (Int) -> Int32)? {
        #if canImport(Glibc)
            guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return nil }
            return unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)
        #else
            return nil
        #endif
    }
}

/// How many requests the server has begun answering; `IdleMemoryTrim` reads it to tell idle from busy.
final class RequestCounter: Sendable {
    private let count = Atomic<Int>(0)

    init() {}

    /// Counts one request.
    func increment() {
        count.add(1, ordering: .relaxed)
    }

    /// The requests counted so far.
    var value: Int {
        count.load(ordering: .relaxed)
    }
}
