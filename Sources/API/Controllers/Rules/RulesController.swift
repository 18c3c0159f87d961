import Events
import Hummingbird
import Projections

/// Clock rules as data (`/v1/rules`): admins define, revise and retire them; every token reads them.
/// All rules live on the one `clock-rules` stream; its version is every rule's ETag.
struct RulesController {
    let store: any EventStore
    let models: ReadModels
    let clock: LedgerClock

    func register(in group: RouterGroup<LedgerRequestContext>, routes: RouteTable) {
        group.post("rules", use: define)
        group.get("rules", use: list)
        group.get("rules/:ruleId", use: show)
        group.post("rules/:ruleId/revisions", use: revise)
        group.post("rules/:ruleId/retire", use: retire)
        for (method, path) in [
            ("POST", "/v1/rules"), ("GET", "/v1/rules"), ("GET", "/v1/rules/{ruleId}"),
            ("POST", "/v1/rules/{ruleId}/revisions"), ("POST", "/v1/rules/{ruleId}/retire"),
        ] { routes.add(method, path) }
    }

    /// `POST /v1/rules`
    @Sendable func define(_ request: Request, context: LedgerRequestContext) async throws -> Response {
        let command = try await CommandRequest<DefineRuleBody>.read(request, context: context, requireIfMatch: false)
        let rule = try ClockRuleDecider.validated(command.body.rule)
        return try await handle(command, ruleId: rule.ruleId, status: .created) { _ in .define(rule) }
    }

    /// `POST /v1/rules/{ruleId}/revisions`
    @Sendable func revise(_ request: Request, context: LedgerRequestContext) async throws -> Response {
        let ruleId = try Self.ruleId(context)
        let command = try await CommandRequest<ReviseRuleBody>.read(request, context: context, requireIfMatch: false)
        let body = command.body
        // The body is checked before the version is compared: a bad body is a 400 whatever If-Match says.
        _ = try ClockRuleDecider.validated(body.rule(ruleId: ruleId, clock: .firstInformation))
        return try await handle(command, ruleId: ruleId, status: .ok) { book in
            .revise(body.rule(ruleId: ruleId, clock: book.entries[ruleId]?.clock ?? .firstInformation))
        }
    }

    /// `POST /v1/rules/{ruleId}/retire`
    @Sendable func retire(_ request: Request, context: LedgerRequestContext) async throws -> Response {
        let ruleId = try Self.ruleId(context)
        let command = try await CommandRequest<RetireRuleBody>.read(request, context: context, requireIfMatch: false)
        _ = try ClockRuleDecider.text(command.body.reason, field: "reason", limit: ClockRuleDecider.maximumReasonLength)
        return try await handle(command, ruleId: ruleId, status: .ok) { _ in
            .retire(ruleId: ruleId, effectiveFrom: command.body.effectiveFrom, reason: command.body.reason)
        }
    }

    /// `GET /v1/rules?clock=&asOf=&atPosition=`
    @Sendable func list(_ request: Request, context: LedgerRequestContext) async throws -> Response {
        _ = try context.requireActor()
        let query = QueryParameters(request)
        let kind = try query.string(
            "clock", rule: ClockKind.ruled.map(\.rawValue).joined(separator: ", "),
            isValid: { ClockKind(rawValue: $0).map(ClockKind.ruled.contains) ?? false })
        let book = try await ClockRuleBookLoader(store: store).load(cut: try await query.readCut(store: store, now: clock.now()))
        let rules = book.sortedEntries.filter { kind == nil || $0.clock.rawValue == kind }.map { RuleResource($0, version: book.version) }
        var response = try JSONResponse.make(["rules": rules], status: .ok)
        response.headers[.eTag] = "\"\(book.version)\""
        return response
    }

    /// `GET /v1/rules/{ruleId}?asOf=&atPosition=`
    @Sendable func show(_ request: Request, context: LedgerRequestContext) async throws -> Response {
        _ = try context.requireActor()
        let ruleId = try Self.ruleId(context)
        let book = try await ClockRuleBookLoader(store: store).load(
            cut: try await QueryParameters(request).readCut(store: store, now: clock.now()))
        guard let entry = book.entries[ruleId] else { throw APIError(.notFound, "no clock rule \(ruleId)") }
        var response = try JSONResponse.make(RuleResource(entry, version: book.version), status: .ok)
        response.headers[.eTag] = "\"\(book.version)\""
        return response
    }

    /// Authorises (admins only), replays idempotent retries, checks If-Match against the stream, decides,
    /// appends (again on fresh state after a race the client did not ask about), answers the rule.
    private func handle<Body>(
        _ command: CommandRequest<Body>, ruleId: String, status: HTTPResponse.Status,
        decide: (ClockRuleBook) throws -> ClockRuleCommand
    ) async throws -> Response {
        guard command.actor.role == .admin else { throw APIError(.forbidden, "only admins change clock rules") }
        let loader = ClockRuleBookLoader(store: store)
        return try await command.once(
            store: store, replay: { try answer(try await loader.current(), ruleId: ruleId, position: $0.positions.last, status: status) }
        ) {
            try await ConflictRetry.run(stream: ClockRuleEvent.stream, ifMatch: command.ifMatch) {
                let book = try await loader.current()
                if let expected = command.ifMatch, expected != book.version {
                    throw APIError(.versionConflict, "the clock rules are at version \(book.version), not \(expected)", field: "If-Match")
                }
                let events = try ClockRuleDecider.decide(try decide(book), book: book, now: clock.now())
                let result = try await store.append(
                    AppendRequest(
                        stream: ClockRuleEvent.stream, expectedVersion: book.version == 0 ? .noStream : .exact(book.version),
                        events: try events.map { try $0.newEvent() }, metadata: EventMetadata(actor: command.actor),
                        idempotency: command.idempotency))
                let after = events.reduce(book, ClockRuleBook.evolve)
                return try answer(after, ruleId: ruleId, position: result.positions.last, status: status)
            }
        }
    }

    private func answer(_ book: ClockRuleBook, ruleId: String, position: Int64?, status: HTTPResponse.Status) throws -> Response {
        guard let entry = book.entries[ruleId] else { throw APIError(.notFound, "no clock rule \(ruleId)") }
        var response = try JSONResponse.make(RuleResource(entry, version: book.version, position: position), status: status)
        response.headers[.eTag] = "\"\(book.version)\""
        if status == .created { response.headers[.location] = "/v1/rules/\(ruleId)" }
        return response
    }

    static func ruleId(_ context: LedgerRequestContext) throws -> String {
        guard let id = context.parameters.get("ruleId"), ClockRuleID.isValid(id) else {
            throw APIError.invalidParameter("ruleId", "'ruleId' must match \(ClockRuleID.pattern)")
        }
        return id
    }
}
