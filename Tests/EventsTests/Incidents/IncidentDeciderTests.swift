import Events
import Testing

/// Given an incident in each phase, when each command, then events or the refusal that names the
/// phase — the incident decider's whole state machine, without a database.
@Suite struct IncidentDeciderTests {
    typealias F = IncidentFixtures

    enum Outcome: Equatable, CustomStringConvertible {
        case allowed(String)
        case refused(IncidentRuleViolation)
        var description: String {
            switch self {
            case .allowed(let type): return "allowed \(type)"
            case .refused(let v): return "refused \(v)"
            }
        }
    }

    static let now = F.at(hours: 100)

    static let commands: [(String, IncidentCommand)] = [
        ("log", .log(F.draft(id: "other"))),
        ("sighting", .addSighting(SightingDraft(source: .socialMedia, outlet: "Facebook", publishedAt: F.t0))),
        ("assign", .assign(unitId: "xa-b", dueAt: F.at(hours: 200), note: "xác minh gấp")),
        ("escalate", .escalate(toUnitId: nil, reason: "vượt thẩm quyền")),
        ("verify", F.verify(.accurate)),
        ("official", F.respond(.officialResponse, id: "o1")),
        ("correctionRequest", F.respond(.correctionRequest, id: "c2")),
        ("recordCorrection", .recordCorrection(responseId: "c1", outlet: "Báo Mới", url: nil, publishedAt: F.at(hours: 99))),
        ("resolve", .resolve(resolution: "xong")),
        ("reopen", .reopen(reason: "dư luận quay lại")),
        ("close", .close),
        ("merge", .merge(into: "survivor", reason: nil)),
    ]

    /// The expected outcome of every command in every phase ("ok" = allowed, producing that event type).
    static let table: [IncidentPhase: [String: Outcome]] = {
        func wrong(_ command: String, _ phase: IncidentPhase) -> Outcome { .refused(.wrongPhase(command: command, phase: phase)) }
        var table: [IncidentPhase: [String: Outcome]] = [:]
        table[.logged] = [
            "sighting": .allowed("SightingAdded"), "assign": .allowed("IncidentAssigned"), "escalate": wrong("escalate", .logged),
            "verify": wrong("verify", .logged), "official": wrong("respond to", .logged), "correctionRequest": wrong("respond to", .logged),
            "recordCorrection": .refused(.unknownResponse(responseId: "c1")), "resolve": .allowed("IncidentResolved"),
            "reopen": wrong("reopen", .logged), "close": wrong("close", .logged), "merge": .allowed("IncidentMerged"),
        ]
        table[.assigned] = [
            "sighting": .allowed("SightingAdded"), "assign": .allowed("IncidentAssigned"), "escalate": .allowed("IncidentEscalated"),
            "verify": .allowed("VerificationCompleted"), "official": .allowed("ResponseIssued"),
            "correctionRequest": .refused(.needsCorrectableVerification(kind: .correctionRequest, outcome: nil, phase: .assigned)),
            "recordCorrection": .refused(.unknownResponse(responseId: "c1")), "resolve": .allowed("IncidentResolved"),
            "reopen": wrong("reopen", .assigned), "close": wrong("close", .assigned), "merge": .allowed("IncidentMerged"),
        ]
        table[.verified] = [
            "sighting": .allowed("SightingAdded"), "assign": .allowed("IncidentAssigned"), "escalate": .allowed("IncidentEscalated"),
            "verify": wrong("verify", .verified), "official": .allowed("ResponseIssued"), "correctionRequest": .allowed("ResponseIssued"),
            "recordCorrection": .allowed("CorrectionPublished"), "resolve": .allowed("IncidentResolved"),
            "reopen": wrong("reopen", .verified), "close": wrong("close", .verified), "merge": .allowed("IncidentMerged"),
        ]
        table[.resolved] = [
            "sighting": .allowed("SightingAdded"), "assign": wrong("assign", .resolved), "escalate": wrong("escalate", .resolved),
            "verify": wrong("verify", .resolved), "official": .allowed("ResponseIssued"), "correctionRequest": .allowed("ResponseIssued"),
            "recordCorrection": .allowed("CorrectionPublished"), "resolve": wrong("resolve", .resolved),
            "reopen": .allowed("IncidentReopened"), "close": .allowed("IncidentClosed"), "merge": .allowed("IncidentMerged"),
        ]
        table[.closed] = [
            "sighting": .allowed("SightingAdded"), "assign": wrong("assign", .closed), "escalate": wrong("escalate", .closed),
            "verify": wrong("verify", .closed), "official": wrong("respond to", .closed), "correctionRequest": wrong("respond to", .closed),
            "recordCorrection": wrong("record a correction for", .closed), "resolve": wrong("resolve", .closed),
            "reopen": .allowed("IncidentReopened"), "close": wrong("close", .closed), "merge": wrong("merge", .closed),
        ]
        var merged: [String: Outcome] = [:]
        for (name, _) in commands where name != "log" { merged[name] = .refused(.merged(into: "survivor")) }
        table[.merged] = merged
        for phase in table.keys { table[phase]!["log"] = .refused(.alreadyLogged(incidentId: "i1")) }
        return table
    }()

    static func outcome(_ command: IncidentCommand, in state: IncidentState) -> Outcome {
        let events: [IncidentEvent]
        do {
            events = try IncidentDecider.decide(command, state: state, context: F.context, now: now)
        } catch {
            return .refused(error)
        }
        return .allowed((try? events.first?.newEvent().type) ?? "nothing")
    }

    @Test(arguments: [IncidentPhase.logged, .assigned, .verified, .resolved, .closed, .merged])
    func everyCommandInPhase(_ phase: IncidentPhase) throws {
        let state = try F.state(phase)
        #expect(state.phase == phase)
        for (name, command) in Self.commands {
            let expected = try #require(Self.table[phase]?[name], "no expectation for \(name) in \(phase)")
            #expect(Self.outcome(command, in: state) == expected, "\(name) in \(phase)")
        }
    }

    @Test func nothingButLoggingBeforeTheIncidentExists() {
        for (name, command) in Self.commands where name != "log" {
            #expect(Self.outcome(command, in: .initial) == .refused(.notLogged), "\(name)")
        }
        #expect(Self.outcome(.log(F.draft()), in: .initial) == .allowed("IncidentLogged"))
    }

    @Test func logKeepsTheCanonicalURLAndTrimsText() throws {
        var draft = F.draft()
        draft.title = "  Dân bức xúc \n"
        let events = try IncidentDecider.decide(.log(draft), state: .initial, context: F.context, now: F.t0)
        guard case .logged(let e) = try #require(events.first) else { Issue.record("expected IncidentLogged"); return }
        #expect(e.title == "Dân bức xúc")
        #expect(e.canonicalUrl == "https://baomoi.vn/bai-viet?id=7")
        #expect(e.loggedAt == F.t0)
    }

    @Test func logRefusesBadFields() {
        func refusal(_ change: (inout IncidentDraft) -> Void) -> IncidentRuleViolation? {
            var draft = F.draft()
            change(&draft)
            do {
                _ = try IncidentDecider.decide(.log(draft), state: .initial, context: F.context, now: F.t0)
                return nil
            } catch { return error }
        }
        #expect(refusal { $0.title = " \u{3000} " }?.field == "title")
        #expect(refusal { $0.summary = String(repeating: "a", count: 5_001) }?.field == "summary")
        #expect(refusal { $0.outlet = "a\u{0}b" }?.field == "outlet")
        #expect(refusal { $0.unitIds = [] }?.field == "unitIds")
        #expect(refusal { $0.unitIds = ["huyen-a", "khong-co"] } == .unknownUnit(unitId: "khong-co", field: "unitIds[1]"))
        #expect(refusal { $0.url = "ftp://example.com/x" }?.field == "url")
        #expect(refusal { $0.reach = -1 }?.field == "reach")
        #expect(refusal { $0.topics = Array(repeating: "x", count: 21) }?.field == "topics")
        #expect(refusal { $0.publishedAt = F.at(hours: 1) } == .inTheFuture(field: "publishedAt"))
        #expect(
            refusal { $0.pressRequest = PressRequest(kind: .answerRequest, receivedAt: F.at(hours: 1)) }
                == .inTheFuture(field: "pressRequest.receivedAt"))
    }

    @Test func correctionsAndRebuttalsNeedAnInaccurateOrPartlyAccurateVerification() throws {
        let base = try F.state(.assigned)
        // The rule, stated here rather than read from the code under test.
        let correctable: Set<VerificationOutcome> = [.inaccurate, .partlyAccurate]
        #expect(Set(VerificationOutcome.allCases.filter(\.warrantsCorrection)) == correctable)
        for outcome in VerificationOutcome.allCases {
            let verified = try F.given([F.verify(outcome)], from: base)
            for kind in [ResponseKind.correctionRequest, .rebuttal] {
                let result = Self.outcome(F.respond(kind, id: "x"), in: verified)
                if correctable.contains(outcome) {
                    #expect(result == .allowed("ResponseIssued"), "\(kind) after \(outcome)")
                } else {
                    #expect(
                        result == .refused(.needsCorrectableVerification(kind: kind, outcome: outcome, phase: .verified)),
                        "\(kind) after \(outcome)")
                }
            }
            #expect(Self.outcome(F.respond(.citizenInformed, id: "x"), in: verified) == .allowed("ResponseIssued"))
        }
    }

    @Test func aReopenedIncidentIsVerifiedAgain() throws {
        let reopened = try F.given([.reopen(reason: "có thông tin mới")], from: try F.state(.resolved))
        #expect(reopened.phase == .assigned)
        #expect(reopened.resolvedAt == nil)
        #expect(
            Self.outcome(F.respond(.rebuttal, id: "x"), in: reopened)
                == .refused(.needsCorrectableVerification(kind: .rebuttal, outcome: nil, phase: .assigned)))
        #expect(Self.outcome(F.verify(.partlyAccurate), in: reopened) == .allowed("VerificationCompleted"))
    }

    @Test func escalationGoesToASuperiorUnit() throws {
        let assigned = try F.state(.assigned)
        let escalated = try F.given([.escalate(toUnitId: nil, reason: "vượt thẩm quyền")], from: assigned)
        #expect(escalated.assignedUnitId == "tinh")
        #expect(escalated.escalations.map(\.fromUnitId) == ["huyen-a"])
        #expect(
            Self.outcome(.escalate(toUnitId: "xa-b", reason: "x"), in: assigned) == .refused(.notASuperior(unitId: "xa-b", of: "huyen-a")))
        var top = F.context
        top.superiorUnitIds = []
        #expect(throws: IncidentRuleViolation.noSuperiorUnit(unitId: "huyen-a")) {
            try IncidentDecider.decide(.escalate(toUnitId: nil, reason: "x"), state: assigned, context: top, now: Self.now)
        }
    }

    @Test func assignmentNeedsAnActiveUnitAndAFutureDueTime() throws {
        let logged = try F.state(.logged)
        #expect(
            Self.outcome(.assign(unitId: "khong-co", dueAt: F.at(hours: 200), note: nil), in: logged)
                == .refused(.unknownUnit(unitId: "khong-co", field: "unitId")))
        #expect(
            Self.outcome(.assign(unitId: "xa-b", dueAt: Self.now, note: nil), in: logged)
                == .refused(.tooEarly(field: "dueAt", reason: "must be later than now")))
        let reassigned = try F.given([F.assign, .assign(unitId: "xa-b", dueAt: F.at(hours: 90), note: nil)], from: logged)
        #expect(reassigned.assignedUnitId == "xa-b")
        #expect(reassigned.dueAt == F.at(hours: 90))
    }

    @Test func correctionsAnswerACorrectionRequestOnce() throws {
        let verified = try F.state(.verified)
        let withOfficial = try F.given([F.respond(.officialResponse, id: "o1")], from: verified)
        #expect(
            Self.outcome(.recordCorrection(responseId: "o1", outlet: "Báo Mới", url: nil, publishedAt: F.at(hours: 99)), in: withOfficial)
                == .refused(.notACorrectionRequest(responseId: "o1", kind: .officialResponse)))
        let request = try #require(verified.response("c1"))
        #expect(
            Self.outcome(
                .recordCorrection(responseId: "c1", outlet: "Báo Mới", url: nil, publishedAt: request.issuedAt.adding(microseconds: -1)),
                in: verified)
                == .refused(
                    .tooEarly(field: "publishedAt", reason: "must not be before the correction request was issued (\(request.issuedAt))")))
        #expect(
            Self.outcome(.recordCorrection(responseId: "c1", outlet: "Báo Mới", url: nil, publishedAt: F.at(hours: 101)), in: verified)
                == .refused(.inTheFuture(field: "publishedAt")))
        let corrected = try F.given(
            [.recordCorrection(responseId: "c1", outlet: "Báo Mới", url: "https://baomoi.vn/cai-chinh", publishedAt: F.at(hours: 4))],
            from: verified)
        #expect(corrected.corrections.map(\.responseId) == ["c1"])
        #expect(
            Self.outcome(.recordCorrection(responseId: "c1", outlet: "Báo Mới", url: nil, publishedAt: F.at(hours: 99)), in: corrected)
                == .refused(.correctionAlreadyRecorded(responseId: "c1")))
    }

    @Test func correctionRequestsTakeTheOutletPeriodicityFromTheSource() throws {
        let verified = try F.state(.verified)
        #expect(verified.response("c1")?.outletPeriodicity == .online, "electronic news is online press")
        #expect(
            Self.outcome(F.respond(.officialResponse, id: "c1"), in: verified)
                == .refused(.invalidField(field: "responseId", reason: "is already used on this incident")))
    }

    @Test func mergeNeedsAnotherLiveIncident() throws {
        let logged = try F.state(.logged)
        #expect(Self.outcome(.merge(into: "i1", reason: nil), in: logged) == .refused(.mergeIntoItself))
        #expect(Self.outcome(.merge(into: "khac", reason: nil), in: logged) == .refused(.mergeTargetNotFound(incidentId: "khac")))
        var context = F.context
        context.mergeTarget = try F.given(
            [.merge(into: "third", reason: nil)], from: F.survivorState,
            context: IncidentContext(
                mergeTarget: IncidentState.evolve(
                    .initial,
                    .logged(
                        try IncidentDecider.logged(F.draft(id: "third"), context: IncidentContext(activeUnitIds: ["huyen-a"]), now: F.t0))))
        )
        #expect(throws: IncidentRuleViolation.mergeTargetMerged(incidentId: "survivor", into: "third")) {
            try IncidentDecider.decide(.merge(into: "survivor", reason: nil), state: logged, context: context, now: Self.now)
        }
        let merged = try F.state(.merged)
        #expect(merged.status == .merged)
        #expect(merged.mergedInto == "survivor")
    }

    @Test func sightingsAddURLsAndTheLargestReach() throws {
        let logged = try F.state(.logged)
        let seen = try F.given(
            [
                .addSighting(
                    SightingDraft(
                        source: .socialMedia, outlet: "Facebook", url: "https://www.facebook.com/post/1/?fbclid=x", publishedAt: F.t0,
                        reach: 50_000)),
                .addSighting(SightingDraft(source: .press, outlet: "Báo Nhân Dân", publishedAt: F.t0, reach: 10)),
            ], from: logged)
        #expect(seen.sightings.count == 2)
        #expect(seen.reach == 50_000)
        #expect(seen.canonicalUrls == ["https://baomoi.vn/bai-viet?id=7", "https://www.facebook.com/post/1"])
    }
}
