import Events

/// The seeds' clock rules as data, the way `seed-demo` loads them.
enum ClockRuleFixtures {
    static func date(_ text: String) -> LocalDate { try! LocalDate(parsing: text) }
    static func instant(_ text: String) -> Timestamp { Timestamp(rfc3339: text)! }

    static let hotOrHigh = ClockCondition(minimumSeverity: .high, hotSpotQualifies: true)

    static let rules: [ClockRule] = [
        ClockRule(
            ruleId: "first-information", clock: .firstInformation, effectiveFrom: date("2017-03-25"),
            allowance: ClockAllowance(amount: 24, unit: .hours), legalBasis: "Decree 09/2017 Art. 6(3)", condition: hotOrHigh),
        ClockRule(
            ruleId: "first-information", clock: .firstInformation, effectiveFrom: date("2026-07-01"),
            allowance: ClockAllowance(amount: 24, unit: .hours), legalBasis: "Decree 244/2026 Art. 7", condition: hotOrHigh),
        ClockRule(
            ruleId: "press-answer", clock: .pressAnswer, effectiveFrom: date("2017-01-01"),
            allowance: ClockAllowance(amount: 30, unit: .days), legalBasis: "Press Law 2016 Art. 39"),
        ClockRule(
            ruleId: "petition-measures", clock: .petitionMeasures, effectiveFrom: date("2017-01-01"),
            allowance: ClockAllowance(amount: 30, unit: .days), legalBasis: "Press Law 2016 Art. 39"),
        ClockRule(
            ruleId: "petition-measures", clock: .petitionMeasures, effectiveFrom: date("2026-07-01"),
            allowance: ClockAllowance(amount: 15, unit: .workingDays), legalBasis: "Decree 237/2026 Art. 18"),
        ClockRule(
            ruleId: "outlet-correction-online", clock: .outletCorrection, effectiveFrom: date("2017-01-01"),
            allowance: ClockAllowance(amount: 0, unit: .immediately), legalBasis: "Press Law 2016 Art. 42(5)",
            condition: ClockCondition(outletPeriodicity: .online)),
        ClockRule(
            ruleId: "outlet-correction-daily", clock: .outletCorrection, effectiveFrom: date("2017-01-01"),
            allowance: ClockAllowance(amount: 2, unit: .days), legalBasis: "Press Law 2016 Art. 42(5)",
            condition: ClockCondition(outletPeriodicity: .daily)),
        ClockRule(
            ruleId: "outlet-correction-weekly", clock: .outletCorrection, effectiveFrom: date("2017-01-01"),
            allowance: ClockAllowance(amount: 7, unit: .nextIssue), legalBasis: "Press Law 2016 Art. 42(5)",
            condition: ClockCondition(outletPeriodicity: .weekly)),
    ]

    static let book = ClockRuleBook(rules: rules)

    /// An incident logged at `loggedAt` (published an hour before), optionally with a press request.
    static func incident(
        loggedAt: Timestamp, severity: IncidentSeverity = .high, hotSpot: Bool = false, pressRequest: PressRequest? = nil,
        source: IncidentSource = .press
    ) -> IncidentState {
        IncidentState.evolve(
            .initial,
            .logged(
                IncidentLogged(
                    incidentId: "i1", source: source, outlet: "Báo Bắc Kạn", url: nil, canonicalUrl: nil,
                    publishedAt: loggedAt.adding(microseconds: -3_600_000_000), author: nil, title: "Tiêu đề", summary: "Tóm tắt",
                    topics: [], unitIds: ["huyen-a"], severity: severity, reach: nil, hotSpot: hotSpot, pressRequest: pressRequest,
                    loggedAt: loggedAt)))
    }

    static func response(_ kind: ResponseKind, id: String, at: Timestamp, periodicity: OutletPeriodicity? = nil) -> IncidentEvent {
        .responseIssued(
            ResponseIssued(
                incidentId: "i1", responseId: id, kind: kind, unitId: "huyen-a", channel: "công văn", targetOutlet: "Báo",
                outletPeriodicity: periodicity, content: "Nội dung", issuedAt: at, recordedAt: at))
    }
}
