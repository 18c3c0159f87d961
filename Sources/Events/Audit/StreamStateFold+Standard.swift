extension StreamStateFold {
    /// A unit's stream (`unit-…`) folded with `UnitState.evolve`.
    public static let unit = StreamStateFold(kind: "unit", prefix: "unit-") { events in
        let state = try UnitState.folding(events)
        var status = "unregistered"
        var mergedInto: JSONValue = .null
        var endedOn: JSONValue = .null
        switch state.status {
        case .unregistered: break
        case .active: status = "active"
        case .merged(let into, let on):
            status = "merged"
            mergedInto = .string(into)
            endedOn = .string(on.description)
        case .deactivated(let on):
            status = "deactivated"
            endedOn = .string(on.description)
        }
        return .object([
            "unitId": state.unitId.map(JSONValue.string) ?? .null,
            "name": state.name.map(JSONValue.string) ?? .null,
            "kind": state.kind.map { .string($0.rawValue) } ?? .null,
            "parentId": state.parentId.map(JSONValue.string) ?? .null,
            "registeredFrom": state.registeredFrom.map { .string($0.description) } ?? .null,
            "lastEffectiveFrom": state.lastEffectiveFrom.map { .string($0.description) } ?? .null,
            "status": .string(status),
            "mergedInto": mergedInto,
            "endedOn": endedOn,
        ])
    }

    /// An obligation's stream (`obligation-…`) folded with `ObligationState.evolve`.
    public static let obligation = StreamStateFold(kind: "obligation", prefix: "obligation-") { events in
        let state = try ObligationState.folding(events)
        let versions: [JSONValue] = try state.versions.map {
            .object(["effectiveFrom": .string($0.effectiveFrom.description), "terms": try JSONValue.encoding($0.terms)])
        }
        return .object([
            "obligationId": state.obligationId.map(JSONValue.string) ?? .null,
            "versions": .array(versions),
            "lastPeriod": state.lastPeriod.map { .string($0.description) } ?? .null,
            "retired": .bool(state.isRetired),
        ])
    }

    /// A reporting duty's stream (`duty:…`) folded with `DutyState.evolve`.
    public static let reportingDuty = StreamStateFold(kind: "reporting-duty", prefix: "duty:") { events in
        let state = try DutyState.folding(events)
        return .object([
            "reportId": state.reportId.map(JSONValue.string) ?? .null,
            "stage": .string(state.stage.rawValue),
            "firstSubmittedAt": state.firstSubmittedAt.map { .string($0.rfc3339) } ?? .null,
            "confidential": .bool(state.confidential),
            "excused": .bool(state.excused),
            "excuseReason": state.excuseReason.map(JSONValue.string) ?? .null,
            "returnCount": .integer(Int64(state.returnCount)),
        ])
    }
}
