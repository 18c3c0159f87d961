import EventStore
import Foundation
import LedgerTestSupport
import Synchronization
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The real server on a PostgreSQL of its own that the tests stop and restart (issue 10, items 7 and
/// 8): with the database gone every request is answered 503 with `Retry-After` promptly (readiness
/// too), the service answers again soon after the database returns, writes never wedge across
/// immediate restarts under load, and SIGTERM still ends the process. The bounds asserted are the
/// issue's, doubled so a busy machine does not fail them; the figures measured are printed.
@Suite(.serialized) struct DatabaseOutageServerTests {
    @Test func withTheDatabaseDownEveryRequestIs503WithRetryAfterAndItResumesSoonAfterItsReturn() async throws {
        try await PrivatePostgres.with { postgres in
            let (server, token) = try await postgres.migratedServer()
            #expect(try await Self.createUnit(server, token: token, id: "before").status == 201)

            let stopped = ContinuousClock.now
            try await postgres.stop()
            // Every request after the stop answers, and soon 503 with Retry-After (never a 500, never a hang).
            var first503: Duration?
            while first503 == nil, ContinuousClock.now - stopped < .seconds(20) {
                let answer = try await Self.timed { try await server.request("GET", "/v1/units", token: token) }
                #expect(answer.value.status == 200 || answer.value.status == 503, "\(answer.value.status): \(answer.value.body)")
                if answer.value.status == 503 {
                    first503 = ContinuousClock.now - stopped
                    #expect(answer.value.retryAfter != nil, "a 503 carries Retry-After")
                    #expect(answer.value.body.contains("urn:opinion-ledger:problem:service-unavailable"))
                } else {
                    try await Task.sleep(for: .milliseconds(50))
                }
            }
            let detected = try #require(first503, "no 503 within 20 s of the database stopping")
            #expect(detected < .seconds(4), "the first 503 came \(detected) after the stop (issue: within 2 s)")

            // While it stays down (15 s: long enough for PostgresNIO's own reconnect backoff to have
            // grown past several seconds), reads, writes and readiness each answer at once.
            var slowest = Duration.zero
            while ContinuousClock.now - stopped < .seconds(15) {
                let read = try await Self.timed { try await server.request("GET", "/v1/units", token: token) }
                let write = try await Self.timed {
                    try await Self.createUnit(server, token: token, id: "during-\(UUID().uuidString.prefix(8))")
                }
                let ready = try await Self.timed { try await server.request("GET", "/health/ready") }
                for (answer, expected) in [(read, 503), (write, 503), (ready, 503)] {
                    #expect(answer.value.status == expected, "\(answer.value.body)")
                    #expect(answer.value.retryAfter != nil, "every 503 carries Retry-After")
                }
                #expect(ready.duration < .seconds(2), "readiness took \(ready.duration) (issue: within 1 s)")
                slowest = max(slowest, read.duration, write.duration)
                try await Task.sleep(for: .milliseconds(200))
            }
            #expect(slowest < .seconds(4), "a request took \(slowest) while the database was down (issue: within 2 s)")
            #expect((try await server.request("GET", "/health/live")).status == 200, "liveness does not need the database")

            try await postgres.start()
            let back = ContinuousClock.now
            var resumed: Duration?
            while resumed == nil, ContinuousClock.now - back < .seconds(30) {
                if try await server.request("GET", "/v1/units", token: token).status == 200 {
                    resumed = ContinuousClock.now - back
                } else {
                    try await Task.sleep(for: .milliseconds(50))
                }
            }
            let resumedAfter = try #require(resumed, "the service did not answer within 30 s of the database's return")
            #expect(resumedAfter < .seconds(4), "reads came back \(resumedAfter) after the database (issue: within 2 s)")
            #expect(try await Self.createUnit(server, token: token, id: "after").status == 201)
            #expect(try await server.request("GET", "/health/ready").status == 200)
            print(
                "database outage: first 503 \(detected) after the stop, slowest answer while down \(slowest), resumed \(resumedAfter) after the return"
            )
            #expect(await server.terminate() == 0, "SIGTERM ends the server after an outage")
        }
    }

    @Test func fiveImmediateRestartsUnder12WritersNeverWedgeTheWritePath() async throws {
        try await PrivatePostgres.with { postgres in
            let (server, token) = try await postgres.migratedServer()
            let acknowledged = Acknowledged()
            let writers = Task {
                await withTaskGroup(of: Void.self) { group in
                    for writer in 0..<12 {
                        group.addTask {
                            var index = 0
                            while !acknowledged.stopped.load(ordering: .relaxed) {
                                let id = "w\(writer)-\(index)"
                                // A failed attempt (an error status, or no answer at all) is retried
                                // with the same Idempotency-Key until it lands.
                                do {
                                    let answer = try await Self.createUnit(server, token: token, id: id)
                                    if answer.status == 201 {
                                        acknowledged.writes.withLock { $0.append((id, ContinuousClock.now)) }
                                        index += 1
                                        continue
                                    }
                                    #expect([503, 409].contains(answer.status), "\(id): \(answer.status) \(answer.body)")
                                } catch {
                                    acknowledged.unanswered.add(1, ordering: .relaxed)
                                }
                                try? await Task.sleep(for: .milliseconds(100))
                            }
                        }
                    }
                }
            }
            // Whatever happens below, the writers stop before the server and the database go away.
            defer { acknowledged.stopped.store(true, ordering: .relaxed) }
            var recoveries: [Duration] = []
            for attempt in 1...5 {
                // Let the writers get going (within 60 s), then restart under them.
                let before = acknowledged.writes.withLock { $0.count }
                let waiting = ContinuousClock.now
                while acknowledged.writes.withLock({ $0.count }) < before + 24, ContinuousClock.now - waiting < .seconds(60) {
                    try await Task.sleep(for: .milliseconds(50))
                }
                let progressed = acknowledged.writes.withLock { $0.count } - before
                if progressed < 24 { print("server log:\n" + Self.tail(server)) }
                try #require(progressed >= 24, "before restart \(attempt): only \(progressed) writes acknowledged in 60 s")
                try await postgres.restart(mode: "immediate")
                let restarted = ContinuousClock.now
                var recovered: Duration?
                while recovered == nil, ContinuousClock.now - restarted < .seconds(60) {
                    if acknowledged.writes.withLock({ $0.contains { $0.at > restarted } }) {
                        recovered = ContinuousClock.now - restarted
                    } else {
                        try await Task.sleep(for: .milliseconds(50))
                    }
                }
                if recovered == nil || recovered! >= .seconds(10) { print("server log:\n" + Self.tail(server)) }
                let after = try #require(recovered, "restart \(attempt): no write acknowledged within 60 s")
                #expect(after < .seconds(10), "restart \(attempt): writes acknowledged again after \(after) (issue: within 5 s)")
                recoveries.append(after)
            }
            acknowledged.stopped.store(true, ordering: .relaxed)
            await writers.value
            let unanswered = acknowledged.unanswered.load(ordering: .relaxed)
            print("immediate restarts under 12 writers: writes acknowledged again after \(recoveries); \(unanswered) requests unanswered")
            #expect(unanswered == 0, "every request is answered (a 503 at worst), none dropped or timed out")

            // Every acknowledged unit is in the log, once.
            let ids = acknowledged.writes.withLock { $0.map(\.id) }
            var units: [String] = []
            var after: String? = ""
            while let cursor = after {
                let listed = try await server.request(
                    "GET", "/v1/units?limit=1000" + (cursor.isEmpty ? "" : "&after=\(cursor)"), token: token)
                try #require(listed.status == 200, "\(listed.body)")
                let page = try JSONDecoder().decode(UnitList.self, from: Data(listed.body.utf8))
                units += page.units.map(\.id)
                after = page.nextAfter
            }
            #expect(units.count == Set(units).count, "a unit listed twice")
            #expect(Set(ids).subtracting(units).isEmpty, "acknowledged units missing: \(Set(ids).subtracting(units).prefix(5))")
            #expect(await server.terminate() == 0, "SIGTERM ends the server after five restarts")
        }
    }

    static func tail(_ server: RunningServer) -> String {
        ((try? server.log.contents()) ?? "").split(separator: "\n").suffix(80).joined(separator: "\n")
    }

    /// The writes acknowledged so far, and whether the writers should stop.
    final class Acknowledged: Sendable {
        let writes = Mutex<[(id: String, at: ContinuousClock.Instant)]>([])
        let stopped = Atomic(false)
        /// Requests that got no answer at all (an error or the client's time-out).
        let unanswered = Atomic(0)
    }

    struct UnitList: Decodable {
        struct Unit: Decodable { var id: String }
        var units: [Unit]
        var nextAfter: String?
    }

    static func createUnit(_ server: RunningServer, token: String, id: String) async throws -> RunningServer.Answer {
        let body = #"{"id":"\#(id)","name":"Đơn vị \#(id)","kind":"provincialDepartment","effectiveFrom":"2024-01-01"}"#
        return try await server.request("POST", "/v1/units", token: token, body: body, headers: ["Idempotency-Key": "unit-\(id)"])
    }

    static func timed<T>(_ work: () async throws -> T) async throws -> (value: T, duration: Duration) {
        let start = ContinuousClock.now
        let value = try await work()
        return (value, ContinuousClock.now - start)
    }
}

/// A PostgreSQL server of the test's own (`scripts/postgres.sh` under a unique name), so stopping and
/// restarting it disturbs no other test.
struct PrivatePostgres: Sendable {
    let name: String
    let url: DatabaseURL

    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scripts/postgres.sh")

    static func with(_ body: (PrivatePostgres) async throws -> Void) async throws {
        let name = "outage-\(UUID().uuidString.prefix(8).lowercased())"
        let started = try await run(["start", name])
        let url = try DatabaseURL(started.trimmingCharacters(in: .whitespacesAndNewlines))
        let postgres = PrivatePostgres(name: name, url: url)
        do {
            try await body(postgres)
        } catch {
            await postgres.remove()
            throw error
        }
        await postgres.remove()
    }

    func start() async throws { _ = try await Self.run(["start", name]) }
    func stop() async throws { _ = try await Self.run(["stop", name]) }
    func restart(mode: String) async throws { _ = try await Self.run(["restart", name, mode]) }

    /// Migrates the database, starts `serve` on it and creates an admin token.
    func migratedServer() async throws -> (RunningServer, String) {
        let environment = LedgerProcess.environment(url)
        let migrated = try await LedgerProcess.run(["migrate"], environment: environment)
        guard migrated.status == 0 else { throw SetupError("migrate failed: \(migrated.stderr)") }
        let created = try await LedgerProcess.run(["tokens", "create", "--role", "admin", "--name", "outage"], environment: environment)
        guard created.status == 0 else { throw SetupError("tokens create failed: \(created.stderr)") }
        let server = try RunningServer(environment: environment)
        try await server.waitUntilReady()
        return (server, created.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    private func remove() async {
        _ = try? await Self.run(["stop", name])
        let directory = Self.script.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(
            ".local/postgres/\(name)")
        try? FileManager.default.removeItem(at: directory)
    }

    @discardableResult
    static func run(_ arguments: [String]) async throws -> String {
        let output = try await LedgerProcess.run(
            executable: URL(fileURLWithPath: "/bin/bash"), [script.path] + arguments, environment: ProcessInfo.processInfo.environment)
        guard output.status == 0 else { throw SetupError("postgres.sh \(arguments.joined(separator: " ")) failed: \(output.stderr)") }
        return output.stdout
    }
}
