import Events
import Testing

/// Clocks evaluated from an incident and the rule book: the rule in effect on the clock's start date
/// (local date in Asia/Ho_Chi_Minh), across the 2026-07-01 change; working days over weekends;
/// met, late, overdue and stopped.
@Suite struct IncidentClocksTests {
    typealias F = ClockRuleFixtures

    func clock(_ kind: ClockKind, _ state: IncidentState, at: Timestamp) throws -> IncidentClock {
        try #require(IncidentClocks.evaluate(state, rules: F.book, at: at).first { $0.clock == kind })
    }

    @Test func firstInformationKeepsTheRuleOfItsStartDate() throws {
        let june30 = F.incident(loggedAt: F.instant("2026-06-30T20:00:00+07:00"))
        let july1 = F.incident(loggedAt: F.instant("2026-07-01T10:00:00+07:00"))
        let late = F.instant("2026-08-01T00:00:00+07:00")
        #expect(try clock(.firstInformation, june30, at: late).legalBasis == "Decree 09/2017 Art. 6(3)")
        #expect(try clock(.firstInformation, july1, at: late).legalBasis == "Decree 244/2026 Art. 7")
        let due = try clock(.firstInformation, june30, at: late).dueAt
        #expect(due == F.instant("2026-07-01T19:00:00+07:00"), "24 hours from publication")
    }

    @Test func theStartDateIsTheLocalDateInVietnam() throws {
        // 2026-06-30T17:30Z is already 2026-07-01 00:30 in Hà Nội: the new rule applies.
        let request = PressRequest(kind: .petitionForwarded, receivedAt: F.instant("2026-06-30T17:30:00Z"))
        let state = F.incident(loggedAt: F.instant("2026-07-01T08:00:00+07:00"), pressRequest: request)
        let petition = try clock(.petitionMeasures, state, at: F.instant("2026-07-02T00:00:00Z"))
        #expect(petition.legalBasis == "Decree 237/2026 Art. 18")
        let before = PressRequest(kind: .petitionForwarded, receivedAt: F.instant("2026-06-30T16:59:00Z"))
        let old = F.incident(loggedAt: F.instant("2026-07-01T08:00:00+07:00"), pressRequest: before)
        #expect(try clock(.petitionMeasures, old, at: F.instant("2026-07-02T00:00:00Z")).legalBasis == "Press Law 2016 Art. 39")
    }

    @Test func petitionMeasuresAcrossTheRuleChange() throws {
        let received30 = PressRequest(kind: .petitionForwarded, receivedAt: F.instant("2026-06-30T10:00:00+07:00"))
        let old = try clock(
            .petitionMeasures, F.incident(loggedAt: F.instant("2026-06-30T11:00:00+07:00"), pressRequest: received30),
            at: F.instant("2026-07-05T00:00:00+07:00"))
        #expect(old.ruleId == "petition-measures")
        #expect(old.dueAt == F.instant("2026-07-30T10:00:00+07:00"), "30 calendar days")
        let received1 = PressRequest(kind: .petitionForwarded, receivedAt: F.instant("2026-07-01T10:00:00+07:00"))
        let new = try clock(
            .petitionMeasures, F.incident(loggedAt: F.instant("2026-07-01T11:00:00+07:00"), pressRequest: received1),
            at: F.instant("2026-07-05T00:00:00+07:00"))
        #expect(new.dueAt == F.instant("2026-07-22T10:00:00+07:00"), "15 working days from Wednesday 1 July: Wednesday 22 July")
    }

    @Test func fifteenWorkingDaysOverWeekends() throws {
        // Received on Friday 3 July: the count starts on Monday 6 July and skips three weekends.
        let friday = PressRequest(kind: .petitionForwarded, receivedAt: F.instant("2026-07-03T15:30:00+07:00"))
        let state = F.incident(loggedAt: F.instant("2026-07-03T16:00:00+07:00"), pressRequest: friday)
        #expect(
            try clock(.petitionMeasures, state, at: F.instant("2026-07-04T00:00:00+07:00")).dueAt == F.instant("2026-07-24T15:30:00+07:00"))
        // Received on a Saturday: Monday is the first working day counted.
        #expect(F.date("2026-07-04").addingWorkingDays(1) == F.date("2026-07-06"))
        #expect(F.date("2026-07-04").addingWorkingDays(15) == F.date("2026-07-24"))
    }

    @Test func pressAnswerIsMetByTheFirstAnswerAndCanBeLateOrOverdue() throws {
        let receivedAt = F.instant("2026-03-02T09:00:00+07:00")
        let state = F.incident(loggedAt: receivedAt, pressRequest: PressRequest(kind: .answerRequest, receivedAt: receivedAt))
        let running = try clock(.pressAnswer, state, at: F.instant("2026-03-20T00:00:00+07:00"))
        #expect(running.status == .running)
        #expect(running.dueAt == F.instant("2026-04-01T09:00:00+07:00"))
        let overdue = try clock(.pressAnswer, state, at: F.instant("2026-04-02T00:00:00+07:00"))
        #expect(overdue.overdue && overdue.status == .overdue)
        let lateAnswer = IncidentState.evolve(state, F.response(.officialResponse, id: "r1", at: F.instant("2026-04-03T09:00:00+07:00")))
        let late = try clock(.pressAnswer, lateAnswer, at: F.instant("2026-04-05T00:00:00+07:00"))
        #expect(late.late && !late.overdue && late.status == .late)
        let onTime = IncidentState.evolve(state, F.response(.informationProvided, id: "r1", at: F.instant("2026-03-10T09:00:00+07:00")))
        #expect(try clock(.pressAnswer, onTime, at: F.instant("2026-05-01T00:00:00+07:00")).status == .met)
        let rebuttalOnly = IncidentState.evolve(state, F.response(.rebuttal, id: "r1", at: F.instant("2026-03-10T09:00:00+07:00")))
        #expect(
            try clock(.pressAnswer, rebuttalOnly, at: F.instant("2026-05-01T00:00:00+07:00")).status == .overdue,
            "a rebuttal is not an answer to the outlet")
    }

    @Test func firstInformationOnlyForHotSpotsOrHighSeverity() {
        let at = F.instant("2026-03-02T09:00:00+07:00")
        let kinds = { (state: IncidentState) in IncidentClocks.evaluate(state, rules: F.book, at: at).map(\.clock) }
        #expect(kinds(F.incident(loggedAt: at, severity: .medium)) == [])
        #expect(kinds(F.incident(loggedAt: at, severity: .medium, hotSpot: true)) == [.firstInformation])
        #expect(kinds(F.incident(loggedAt: at, severity: .critical)) == [.firstInformation])
    }

    @Test func outletCorrectionsByPeriodicity() throws {
        let issued = F.instant("2026-03-02T10:00:00+07:00")
        var state = F.incident(loggedAt: issued.adding(microseconds: -7_200_000_000), severity: .low)
        for (id, periodicity) in [("online", OutletPeriodicity.online), ("daily", .daily), ("weekly", .weekly)] {
            state = IncidentState.evolve(state, F.response(.correctionRequest, id: id, at: issued, periodicity: periodicity))
        }
        state = IncidentState.evolve(
            state,
            .correctionPublished(
                CorrectionPublished(
                    incidentId: "i1", responseId: "daily", outlet: "Báo", url: nil, publishedAt: F.instant("2026-03-05T08:00:00+07:00"),
                    recordedAt: F.instant("2026-03-05T09:00:00+07:00"))))
        let clocks = IncidentClocks.evaluate(state, rules: F.book, at: F.instant("2026-03-03T12:00:00+07:00")).filter {
            $0.clock == .outletCorrection
        }
        let byId = Dictionary(uniqueKeysWithValues: clocks.map { ($0.responseId!, $0) })
        #expect(byId["online"]?.dueAt == F.instant("2026-03-03T00:00:00+07:00"), "at once: by the end of the local day")
        #expect(byId["online"]?.overdue == true)
        #expect(byId["daily"]?.dueAt == F.instant("2026-03-04T10:00:00+07:00"))
        #expect(byId["daily"]?.status == .late, "published on the 5th, due on the 4th")
        #expect(byId["weekly"]?.dueAt == F.instant("2026-03-09T10:00:00+07:00"))
        #expect(byId["weekly"]?.status == .running)
    }

    @Test func verificationClockAndStoppedClocks() throws {
        let loggedAt = F.instant("2026-03-02T09:00:00+07:00")
        var state = F.incident(loggedAt: loggedAt, severity: .high)
        state = IncidentState.evolve(
            state,
            .assigned(
                IncidentAssigned(
                    incidentId: "i1", unitId: "huyen-a", dueAt: F.instant("2026-03-05T17:00:00+07:00"), note: nil, assignedAt: loggedAt)))
        #expect(try clock(.verification, state, at: F.instant("2026-03-06T00:00:00+07:00")).overdue)
        let verified = IncidentState.evolve(
            state,
            .verificationCompleted(
                VerificationCompleted(
                    incidentId: "i1", unitId: "huyen-a", outcome: .accurate, findings: "Đúng", evidence: [],
                    completedAt: F.instant("2026-03-04T09:00:00+07:00"))))
        #expect(try clock(.verification, verified, at: F.instant("2026-03-06T00:00:00+07:00")).status == .met)
        // Resolved within a day without a statement: the first-information clock stops instead of running overdue.
        let resolved = IncidentState.evolve(
            state, .resolved(IncidentResolved(incidentId: "i1", resolution: "Xong", resolvedAt: F.instant("2026-03-02T12:00:00+07:00"))))
        let first = try clock(.firstInformation, resolved, at: F.instant("2026-04-01T00:00:00+07:00"))
        #expect(first.status == .stopped && !first.overdue)
    }

    @Test func noRuleNoClock() {
        let state = F.incident(
            loggedAt: F.instant("2016-06-01T09:00:00+07:00"),
            pressRequest: PressRequest(kind: .answerRequest, receivedAt: F.instant("2016-06-01T09:00:00+07:00")))
        #expect(
            IncidentClocks.evaluate(state, rules: F.book, at: F.instant("2016-07-01T00:00:00+07:00")).isEmpty, "before any rule took effect"
        )
        #expect(IncidentClocks.evaluate(.initial, rules: F.book, at: F.instant("2026-07-01T00:00:00+07:00")).isEmpty)
    }
}
