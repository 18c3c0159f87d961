import Events
import Testing

/// Which terms apply to which period: a revision mid-year leaves earlier periods on the old terms;
/// nothing applies before the start, after retirement, or to a period of another kind.
@Suite struct ObligationTermsForPeriodTests {
    typealias F = ObligationFixture

    static let history = F.given([
        F.defined,
        .revised(ObligationRevised(obligationId: "bc-thang", effectiveFrom: F.period("2025-07"), terms: F.monthly20)),
        .retired(ObligationRetired(obligationId: "bc-thang", lastPeriod: F.period("2025-12"))),
    ])

    @Test func aMidYearRevisionKeepsEarlierPeriodsOnTheOldTerms() throws {
        let state = Self.history
        #expect(state.version == 3)
        #expect(state.terms(for: F.period("2024-09")) == nil, "before the start")
        #expect(state.terms(for: F.period("2024-10")) == F.monthly23)
        #expect(state.terms(for: F.period("2025-06")) == F.monthly23)
        #expect(state.terms(for: F.period("2025-07")) == F.monthly20)
        #expect(state.terms(for: F.period("2025-12")) == F.monthly20)
        #expect(state.terms(for: F.period("2026-01")) == nil, "after retirement")
        #expect(state.terms(for: F.period("2025-Q1")) == nil, "not a period of the schedule")
        #expect(try state.terms(for: F.period("2025-06"))!.deadline(for: F.period("2025-06")) == F.local("2025-06-23T00:00:00"))
        #expect(try state.terms(for: F.period("2025-07"))!.deadline(for: F.period("2025-07")) == F.local("2025-07-20T00:00:00"))
    }

    @Test func theDeadlineIsMidnightLocalTimeAndTheWindowIsTheDecreesStandard() throws {
        let terms = try #require(Self.history.terms(for: F.period("2024-10")))
        #expect(try terms.deadline(for: F.period("2024-10")) == Timestamp(rfc3339: "2024-10-22T17:00:00Z")!)
        let window = terms.dataWindow(for: F.period("2024-10"))
        #expect(window.from == LocalDate(year: 2024, month: 9, day: 15)!)
        #expect(window.to == LocalDate(year: 2024, month: 10, day: 14)!)
    }

    @Test func eventsRoundTripThroughTheLogsJSON() throws {
        for event in [F.defined, .retired(ObligationRetired(obligationId: "x", lastPeriod: F.period("2024-W42")))] {
            let new = try event.newEvent()
            let recorded = RecordedEvent(
                position: 1, id: new.id, streamId: StreamID("obligation-x")!, streamVersion: 1, type: new.type,
                schemaVersion: new.schemaVersion, data: new.data, metadata: EventMetadata(actor: .system("test")),
                recordedAt: Timestamp(microsecondsSinceEpoch: 0), previousHash: "", hash: "")
            #expect(try ObligationEvent(recorded) == event)
        }
        let new = try F.defined.newEvent()
        #expect(new.data["title"] == .string(F.monthly23.title), "terms are flattened into the payload")
        #expect(new.data["effectiveFrom"] == .string("2024-10"))
    }
}
