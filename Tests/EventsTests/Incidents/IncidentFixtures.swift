import Events

/// Incidents built by running commands through the decider, for the pure tests.
enum IncidentFixtures {
    static let t0 = Timestamp(rfc3339: "2026-06-30T09:00:00+07:00")!
    static func at(hours: Int64) -> Timestamp { t0.adding(microseconds: hours * 3_600_000_000) }

    static let context = IncidentContext(
        activeUnitIds: ["tinh", "so-tttt", "huyen-a", "xa-b"], superiorUnitIds: ["tinh"],
        mergeTarget: survivorState)

    static var survivorState: IncidentState {
        IncidentState.evolve(
            .initial,
            .logged(try! IncidentDecider.logged(draft(id: "survivor"), context: IncidentContext(activeUnitIds: ["huyen-a"]), now: t0)))
    }

    static func draft(id: String = "i1", url: String? = "https://baomoi.vn/bai-viet?id=7&utm_source=fb") -> IncidentDraft {
        IncidentDraft(
            incidentId: id, source: .electronicNews, outlet: "Báo Mới", url: url, publishedAt: at(hours: -2),
            title: "Dân bức xúc vì chậm bồi thường giải phóng mặt bằng",
            summary: "Bài viết phản ánh người dân xã B chưa nhận tiền bồi thường.",
            topics: ["giải phóng mặt bằng"], unitIds: ["huyen-a"], severity: .high, reach: 1200, hotSpot: true)
    }

    /// Applies commands in order from `state`, each an hour after the state's last event (the first at `t0`).
    static func given(_ commands: [IncidentCommand], from state: IncidentState = .initial, context: IncidentContext = context) throws
        -> IncidentState
    {
        var state = state
        for command in commands {
            let now = state.lastEventAt.map { $0.adding(microseconds: 3_600_000_000) } ?? t0
            for event in try IncidentDecider.decide(command, state: state, context: context, now: now) {
                state = IncidentState.evolve(state, event)
            }
        }
        return state
    }

    static let assign = IncidentCommand.assign(unitId: "huyen-a", dueAt: at(hours: 72), note: nil)
    static func verify(_ outcome: VerificationOutcome) -> IncidentCommand {
        .completeVerification(outcome: outcome, findings: "Đã kiểm tra hồ sơ bồi thường", evidence: ["CV 123/UBND"])
    }
    static func respond(_ kind: ResponseKind, id: String = "r-\(Int.random(in: 0..<1_000_000))") -> IncidentCommand {
        .issueResponse(
            ResponseDraft(responseId: id, kind: kind, channel: "công văn", targetOutlet: "Báo Mới", content: "Thông tin chính thức"))
    }

    /// The incident in each phase (the verified one carries correction request `c1`).
    static func state(_ phase: IncidentPhase) throws -> IncidentState {
        let log = IncidentCommand.log(draft())
        switch phase {
        case .unlogged: return .initial
        case .logged: return try given([log])
        case .assigned: return try given([log, assign])
        case .verified: return try given([log, assign, verify(.inaccurate), respond(.correctionRequest, id: "c1")])
        case .resolved: return try given([.resolve(resolution: "Đã chi trả bồi thường")], from: try state(.verified))
        case .closed: return try given([.close], from: try state(.resolved))
        case .merged: return try given([log, .merge(into: "survivor", reason: "trùng")])
        }
    }
}
