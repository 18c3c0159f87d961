import Events
import Testing

/// Clock rules as data: define once, revise from a date (same date replaces), retire; the book picks
/// the version in effect on a date.
@Suite struct ClockRuleDeciderTests {
    typealias F = ClockRuleFixtures
    static let now = F.instant("2026-05-01T09:00:00+07:00")

    func apply(_ commands: [ClockRuleCommand], to book: ClockRuleBook = .empty) throws -> ClockRuleBook {
        var book = book
        for command in commands {
            book = try ClockRuleDecider.decide(command, book: book, now: Self.now).reduce(book, ClockRuleBook.evolve)
        }
        return book
    }

    static let petition = F.rules[3]
    static let petitionNew = F.rules[4]

    @Test func defineReviseAndPickByDate() throws {
        let book = try apply([.define(Self.petition), .revise(Self.petitionNew)])
        let entry = try #require(book.entries["petition-measures"])
        #expect(entry.versions.map(\.effectiveFrom) == [F.date("2017-01-01"), F.date("2026-07-01")])
        #expect(entry.version(on: F.date("2026-06-30"))?.allowance == ClockAllowance(amount: 30, unit: .days))
        #expect(entry.version(on: F.date("2026-07-01"))?.allowance == ClockAllowance(amount: 15, unit: .workingDays))
        #expect(entry.version(on: F.date("2016-12-31")) == nil)
        #expect(book.version == 2)
    }

    @Test func refusals() throws {
        let book = try apply([.define(Self.petition)])
        #expect(throws: ClockRuleViolation.alreadyDefined(ruleId: "petition-measures")) {
            try ClockRuleDecider.decide(.define(Self.petition), book: book, now: Self.now)
        }
        #expect(throws: ClockRuleViolation.notDefined(ruleId: "khong-co")) {
            try ClockRuleDecider.decide(
                .retire(ruleId: "khong-co", effectiveFrom: F.date("2027-01-01"), reason: "x"), book: book, now: Self.now)
        }
        #expect(throws: ClockRuleViolation.nothingChanges(ruleId: "petition-measures", from: F.date("2017-01-01"))) {
            try ClockRuleDecider.decide(.revise(Self.petition), book: book, now: Self.now)
        }
        var otherClock = Self.petitionNew
        otherClock.clock = .pressAnswer
        #expect(throws: ClockRuleViolation.clockChanged(ruleId: "petition-measures", clock: .petitionMeasures)) {
            try ClockRuleDecider.decide(.revise(otherClock), book: book, now: Self.now)
        }
        var verification = Self.petition
        verification.ruleId = "verify"
        verification.clock = .verification
        #expect(throws: ClockRuleViolation.notRuled(.verification)) {
            try ClockRuleDecider.decide(.define(verification), book: book, now: Self.now)
        }
        var blank = Self.petitionNew
        blank.legalBasis = " \n"
        #expect(throws: ClockRuleViolation.invalidField(field: "legalBasis", reason: "must not be blank")) {
            try ClockRuleDecider.decide(.revise(blank), book: book, now: Self.now)
        }
        var huge = Self.petitionNew
        huge.allowance.amount = 99_999
        #expect(
            throws: ClockRuleViolation.invalidField(field: "allowance.amount", reason: "must be 0 to \(ClockAllowance.maximumAmount)")
        ) {
            try ClockRuleDecider.decide(.revise(huge), book: book, now: Self.now)
        }
    }

    @Test func aSameDateRevisionReplacesAndRetirementEndsTheRule() throws {
        var corrected = Self.petitionNew
        corrected.allowance = ClockAllowance(amount: 10, unit: .workingDays)
        let book = try apply([.define(Self.petition), .revise(Self.petitionNew), .revise(corrected)])
        #expect(book.entries["petition-measures"]?.versions.count == 2)
        #expect(book.entries["petition-measures"]?.version(on: F.date("2026-08-01"))?.allowance.amount == 10)
        let retired = try apply([.retire(ruleId: "petition-measures", effectiveFrom: F.date("2027-01-01"), reason: "bãi bỏ")], to: book)
        #expect(retired.entries["petition-measures"]?.version(on: F.date("2026-12-31")) != nil)
        #expect(retired.entries["petition-measures"]?.version(on: F.date("2027-01-01")) == nil)
        #expect(throws: ClockRuleViolation.retired(ruleId: "petition-measures", from: F.date("2027-01-01"))) {
            try ClockRuleDecider.decide(.revise(Self.petitionNew), book: retired, now: Self.now)
        }
    }

    @Test func theBookChoosesAmongRulesByCondition() {
        let online = F.book.rule(for: .outletCorrection, on: F.date("2026-03-01")) {
            $0.holds(severity: .low, hotSpot: false, periodicity: .online)
        }
        #expect(online?.ruleId == "outlet-correction-online")
        let unknown = F.book.rule(for: .outletCorrection, on: F.date("2026-03-01")) {
            $0.holds(severity: .low, hotSpot: false, periodicity: nil)
        }
        #expect(unknown == nil, "no periodicity, no correction rule")
    }
}
