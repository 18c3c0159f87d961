import Events
import Foundation
import Testing

/// Data windows an obligation sets or defaults to, and Decree 09/2019 Art. 8(5) (a working day between
/// the cut-off and the deadline) checked when an obligation is defined or revised.
@Suite struct ObligationDataWindowTests {
    typealias F = ObligationFixture

    static func window(_ from: String, _ to: String) -> DataWindow {
        DataWindow(from: try! LocalDate(parsing: from), to: try! LocalDate(parsing: to))!
    }

    static var weeklyThursday1500: ObligationTerms {
        var terms = F.monthly23
        terms.schedule = .weekly(dueWeekday: .thursday, dueTime: LocalTime(hour: 15, minute: 0)!)
        return terms
    }

    func define(_ terms: ObligationTerms, from: String = "2024-10") throws(ObligationRuleViolation) -> [ObligationEvent] {
        try ObligationDecider.decide(
            .define(obligationId: "bc", effectiveFrom: F.period(from), terms: terms), state: .initial, facts: F.facts("2024-09-24T09:00:00")
        )
    }

    @Test func theWeeklyDefaultIsTheSevenDaysBeforeTheDueDay() {
        // 2024-W42: Monday 14 October; due Thursday 17 October 15:00.
        #expect(Self.weeklyThursday1500.dataWindow(for: F.period("2024-W42")) == Self.window("2024-10-10", "2024-10-16"))
        var terms = Self.weeklyThursday1500
        terms.dataWindow = .cutOffDaysBeforeDue(3)
        #expect(terms.dataWindow(for: F.period("2024-W42")) == Self.window("2024-10-08", "2024-10-14"))
    }

    @Test(arguments: ["2024-10", "2024-01", "2024-03", "0001-01", "9999-12"])
    func theMonthlyDefaultIsDecree09Article12(_ period: String) {
        #expect(F.monthly23.dataWindow(for: F.period(period)) == DataWindow.standard(for: F.period(period)))
    }

    @Test func aCutOffDayIsSetPerObligation() {
        var terms = F.monthly23
        terms.dataWindow = .cutOffDay(31)
        #expect(terms.dataWindow(for: F.period("2024-02")) == Self.window("2024-02-01", "2024-02-29"))
        terms.dataWindow = .cutOffDay(10)
        #expect(terms.dataWindow(for: F.period("2024-03")) == Self.window("2024-02-11", "2024-03-10"))
        terms.schedule = .quarterly(dueDay: 20)
        #expect(terms.dataWindow(for: F.period("2024-Q4")) == Self.window("2024-09-11", "2024-12-10"))
        terms.schedule = .nineMonths(dueDay: 25)
        terms.dataWindow = nil
        #expect(terms.dataWindow(for: F.period("2024-9M")) == Self.window("2023-12-15", "2024-09-14"))
    }

    @Test func givenNothingWhenTheDeadlineIsBeforeTheCutOffThenArticle8Refuses() {
        var terms = F.monthly23
        terms.schedule = .monthly(dueDay: 10)
        #expect(
            throws: ObligationRuleViolation.noWorkingDayAfterCutOff(
                F.period("2024-10"), cutOff: try! LocalDate(parsing: "2024-10-14"), deadline: F.local("2024-10-10T00:00:00"),
                field: "schedule")
        ) { try define(terms) }
        // Due at 00:00 on the 15th: the cut-off day itself is all that is left.
        terms.schedule = .monthly(dueDay: 15)
        #expect(throws: (any Error).self) { try define(terms) }
        // With the window moved to the calendar month before, a deadline on the 10th of the next month is fine.
        terms.schedule = .monthly(dueDay: 10, dueMonthOffset: 1)
        terms.dataWindow = .cutOffDay(31)
        #expect(throws: Never.self) { try define(terms) }
        // A cut-off on the 9th, deadline 00:00 on the 10th: refused, naming dataWindow since it was set.
        terms.schedule = .monthly(dueDay: 10)
        terms.dataWindow = .cutOffDay(9)
        #expect(
            throws: ObligationRuleViolation.noWorkingDayAfterCutOff(
                F.period("2024-10"), cutOff: try! LocalDate(parsing: "2024-10-09"), deadline: F.local("2024-10-10T00:00:00"),
                field: "dataWindow")
        ) { try define(terms) }
    }

    @Test func aWeekendBetweenCutOffAndDeadlineIsNoWorkingDay() {
        // Cut-off Friday 15 November 2024 (cutOffDay 15), due at 00:00 on Monday 18th: only Saturday and Sunday lie between.
        var terms = F.monthly23
        terms.schedule = .monthly(dueDay: 18)
        terms.dataWindow = .cutOffDay(15)
        #expect(
            throws: ObligationRuleViolation.noWorkingDayAfterCutOff(
                F.period("2024-11"), cutOff: try! LocalDate(parsing: "2024-11-15"), deadline: F.local("2024-11-18T00:00:00"),
                field: "dataWindow")
        ) { try define(terms) }
    }

    @Test func theWeeklyDefaultPassesWithAnAfternoonDeadlineButNotAtMidnight() {
        #expect(throws: Never.self) { try define(Self.weeklyThursday1500, from: "2024-W42") }
        var midnight = Self.weeklyThursday1500
        midnight.schedule = .weekly(dueWeekday: .thursday)
        #expect(throws: (any Error).self) { try define(midnight, from: "2024-W42") }
        midnight.dataWindow = .cutOffDaysBeforeDue(2)
        #expect(throws: Never.self) { try define(midnight, from: "2024-W42") }
    }

    @Test func givenAnObligationWhenARevisionBreaksArticle8ThenItIsRefused() {
        let given = F.given([F.defined])
        var terms = F.monthly23
        terms.schedule = .monthly(dueDay: 12)
        #expect(
            throws: ObligationRuleViolation.noWorkingDayAfterCutOff(
                F.period("2024-12"), cutOff: try! LocalDate(parsing: "2024-12-14"), deadline: F.local("2024-12-12T00:00:00"),
                field: "schedule")
        ) {
            try ObligationDecider.decide(
                .revise(effectiveFrom: F.period("2024-12"), terms: terms), state: given, facts: F.facts("2024-11-24T09:00:00"))
        }
    }

    @Test func aRuleOfTheWrongFormOrRangeIsRefused() {
        var terms = F.monthly23
        terms.dataWindow = .cutOffDaysBeforeDue(1)
        #expect(
            throws: ObligationRuleViolation.invalidDataWindow(
                "a schedule counted in months sets its cut-off with cutOffDay, not cutOffDaysBeforeDue")
        ) {
            try define(terms)
        }
        terms.dataWindow = .cutOffDay(32)
        #expect(throws: ObligationRuleViolation.invalidDataWindow("cutOffDay 32 is outside 1–31")) { try define(terms) }
        var weekly = Self.weeklyThursday1500
        weekly.dataWindow = .cutOffDaysBeforeDue(8)
        #expect(throws: ObligationRuleViolation.invalidDataWindow("cutOffDaysBeforeDue 8 is outside 1–7")) {
            try define(weekly, from: "2024-W42")
        }
        #expect(ObligationRuleViolation.invalidDataWindow("x").field == "dataWindow")
    }

    @Test func theRecipientAsOnlyReporterIsRefused() {
        var terms = F.monthly23
        terms.reporters = .units(["so-tttt", "so-tttt"])
        #expect(throws: ObligationRuleViolation.recipientIsOnlyReporter("so-tttt")) { try define(terms) }
        #expect(ObligationRuleViolation.recipientIsOnlyReporter("so-tttt").field == "reporters.unitIds")
        terms.reporters = .units(["so-tttt", "huyen-a"])
        #expect(throws: Never.self) { try define(terms) }
    }

    @Test func oldTermsWithoutAWindowDecodeToTheDefault() throws {
        let json =
            #"{"title":"t","reporters":{"unitIds":["huyen-a"]},"recipientUnitId":"so-tttt","schedule":{"kind":"monthly","dueDay":23,"dueTime":"00:00","dueMonthOffset":0},"timeZone":"Asia/Ho_Chi_Minh","confidentialAllowed":false}"#
        let terms = try JSONDecoder().decode(ObligationTerms.self, from: Data(json.utf8))
        #expect(terms.dataWindow == nil)
        #expect(terms.schedule == .monthly(dueDay: .before(23)))
        #expect(try terms.deadline(for: F.period("2024-10")) == F.local("2024-10-23T00:00:00"))
        let encoded = String(decoding: try JSONEncoder().encode(terms), as: UTF8.self)
        #expect(!encoded.contains("dataWindow"), "terms without a window are written as before")
    }
}
