import Events
import Foundation

/// Shared givens for obligation tests: the seeds' monthly "before the 23rd" report to the DIC.
enum ObligationFixture {
    static let zone = TimeZone(identifier: "Asia/Ho_Chi_Minh")!
    static let units: Set<String> = ["tinh", "so-tttt", "so-noi-vu", "huyen-a", "huyen-b"]

    static func period(_ text: String) -> Period { try! Period(parsing: text) }

    /// The instant a Vietnamese wall clock shows `text` (`YYYY-MM-DDTHH:MM:SS`).
    static func local(_ text: String) -> Timestamp { Timestamp(rfc3339: text + "+07:00")! }

    static func facts(_ now: String) -> ObligationFacts { ObligationFacts(now: local(now), knownUnitIds: units) }

    static let monthly23 = ObligationTerms(
        title: "Báo cáo tình hình nắm bắt, xử lý dư luận",
        reporters: .kinds([.provincialDepartment, .districtCommittee], underUnitId: "tinh"),
        recipientUnitId: "so-tttt", schedule: .monthly(dueDay: 23))

    static var monthly20: ObligationTerms {
        var terms = monthly23
        terms.schedule = .monthly(dueDay: 20)
        return terms
    }

    static let defined = ObligationEvent.defined(
        ObligationDefined(obligationId: "bc-thang", effectiveFrom: period("2024-10"), terms: monthly23))

    static func given(_ events: [ObligationEvent]) -> ObligationState { events.reduce(.initial, ObligationState.evolve) }
}
