extension StreamStateFold {
    /// An incident's stream (`incident-…`) folded with `IncidentState.evolve`, with its phase.
    public static let incident = StreamStateFold(kind: "incident", prefix: IncidentEvent.streamPrefix) { events in
        let state = try IncidentState.folding(events)
        guard case .object(var fields) = try JSONValue.encoding(state) else { return .null }
        fields["phase"] = .string(state.phase.rawValue)
        return .object(fields)
    }

    /// The `clock-rules` stream folded into the rule book: every rule with its dated versions.
    public static let clockRules = StreamStateFold(kind: "clock-rules", prefix: ClockRuleEvent.stream.rawValue) { events in
        let book = try ClockRuleBook.folding(events)
        return .object(["version": .integer(book.version), "rules": try JSONValue.encoding(book.sortedEntries)])
    }
}
