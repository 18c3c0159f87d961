import Events
import Hummingbird
import Projections

/// `GET /v1/incidents/summary`: open incidents by age and severity at the instant, and each unit's
/// timeliness over the window.
struct IncidentSummaryResource: Codable, Sendable, ResponseEncodable {
    /// Counts per severity.
    struct Counts: Codable, Sendable {
        var low: Int
        var medium: Int
        var high: Int
        var critical: Int
        var total: Int

        init(_ counts: IncidentFigures.SeverityCounts) {
            low = counts.low
            medium = counts.medium
            high = counts.high
            critical = counts.critical
            total = counts.total
        }
    }

    /// Open incidents of one age band.
    struct AgeBand: Codable, Sendable {
        var band: String
        var counts: Counts
    }

    /// One unit's figures (or, without `unitId`, all listed units together).
    struct UnitFigures: Codable, Sendable {
        var unitId: String?
        var unitName: String?
        var verificationsDue: Int
        var verificationsInTime: Int
        var responsesDue: Int
        var responsesInTime: Int
        var inaccurateVerifications: Int
        var correctionsRequested: Int
        var medianSecondsToVerify: Int64?
        var medianSecondsToResolve: Int64?

        init(_ figures: IncidentFigures.UnitFigures, name: String?) {
            unitId = figures.unitId.isEmpty ? nil : figures.unitId
            unitName = name
            verificationsDue = figures.verificationsDue
            verificationsInTime = figures.verificationsInTime
            responsesDue = figures.responsesDue
            responsesInTime = figures.responsesInTime
            inaccurateVerifications = figures.inaccurateVerifications
            correctionsRequested = figures.correctionsRequested
            medianSecondsToVerify = figures.medianSecondsToVerify
            medianSecondsToResolve = figures.medianSecondsToResolve
        }
    }

    var under: String?
    var from: String
    var to: String
    var asOf: String
    var atPosition: Int64?
    var open: Counts
    var openByAge: [AgeBand]
    var units: [UnitFigures]
    var total: UnitFigures
}
