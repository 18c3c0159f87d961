/// How an obligation sets each period's data window (Decree 09/2019/NĐ-CP Art. 7 and 12: the data
/// cut-off is part of a reporting regime). Without one, the default applies (`ObligationTerms.dataWindow(for:)`):
/// Art. 12's window for the kinds counted in months (`cutOffDay(14)`), the seven days before the due
/// day for a weekly schedule (`cutOffDaysBeforeDue(1)`), and its own day for a one-off.
public enum DataWindowRule: Sendable, Hashable {
    /// The cut-off is day N (1–31; the month's last day in a shorter month) of the period's last month;
    /// the window opens the day after day N of the month before the period's first month (`14`: 15th
    /// to 14th, Art. 12; `31`: the calendar months). For schedules counted in months.
    case cutOffDay(Int)
    /// The cut-off is N days (1–7) before the due date; the window is the seven days ending there. For
    /// weekly schedules.
    case cutOffDaysBeforeDue(Int)

    /// The cut-off days `cutOffDay` accepts.
    public static let cutOffDays = 1...31
    /// The days before the due date `cutOffDaysBeforeDue` accepts.
    public static let cutOffDaysBeforeDueRange = 1...7

    /// Why the rule does not fit `schedule`, or nil when it does.
    public func mismatch(with schedule: Schedule) -> String? {
        switch (self, schedule.periodKind) {
        case (_, .oneOff):
            return "a one-off report's data window is its own day; leave dataWindow out"
        case (.cutOffDay(let day), let kind) where kind != .week:
            return Self.cutOffDays.contains(day) ? nil : "cutOffDay \(day) is outside 1–31"
        case (.cutOffDaysBeforeDue(let days), .week):
            return Self.cutOffDaysBeforeDueRange.contains(days) ? nil : "cutOffDaysBeforeDue \(days) is outside 1–7"
        case (.cutOffDay, _):
            return "a weekly schedule's cut-off is set with cutOffDaysBeforeDue, not cutOffDay"
        case (.cutOffDaysBeforeDue, _):
            return "a schedule counted in months sets its cut-off with cutOffDay, not cutOffDaysBeforeDue"
        }
    }
}

extension DataWindowRule: Codable {
    private enum CodingKeys: String, CodingKey { case cutOffDay, cutOffDaysBeforeDue }

    /// Decodes `{"cutOffDay":14}` or `{"cutOffDaysBeforeDue":1}`, exactly one of them.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let day = try container.decodeIfPresent(Int.self, forKey: .cutOffDay)
        let days = try container.decodeIfPresent(Int.self, forKey: .cutOffDaysBeforeDue)
        switch (day, days) {
        case (let day?, nil): self = .cutOffDay(day)
        case (nil, let days?): self = .cutOffDaysBeforeDue(days)
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .cutOffDay, in: container, debugDescription: "send exactly one of cutOffDay and cutOffDaysBeforeDue")
        }
    }

    /// Encodes the one member of the form chosen.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .cutOffDay(let day): try container.encode(day, forKey: .cutOffDay)
        case .cutOffDaysBeforeDue(let days): try container.encode(days, forKey: .cutOffDaysBeforeDue)
        }
    }
}
