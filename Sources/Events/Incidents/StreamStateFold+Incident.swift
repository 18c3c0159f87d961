extension StreamStateFold {
    /// An incident's stream (`incident-…`) folded with `IncidentState.evolve`, with its phase.
    public static let incident = StreamStateFold(kind: "incident", prefix: IncidentEvent.streamPrefix) { events in
        var state = IncidentState.initial
        for recorded in events {
            if let event = try IncidentEvent(recorded) { state = IncidentState.evolve(state, event) } else { state.version += 1 }
        }
        guard case .object(var fields) = try JSONValue.encoding(state) else { return .null }
        fields["phase"] = .string(state.phase.rawValue)
        return .object(fields)
    }

    /// The `clock-rules` stream folded into the rule book: every rule with its dated versions.
    public static let clockRules = StreamStateFold(kind: "clock-rules", prefix: ClockRuleEvent.stream.rawValue) { events in
        var book = ClockRuleBook.empty
        for recorded in events {
            if let event = try ClockRuleEvent(recorded) { book = ClockRuleBook.evolve(book, event) } else { book.version += 1 }
        }
        return .object(["version": .integer(book.version), "rules": try JSONValue.encoding(book.sortedEntries)])
    }
}
