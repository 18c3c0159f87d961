import Events
import Foundation
import Projections

/// Builds duty events through the real decider and wraps them as recorded events, so reducer tests
/// start from events the system would really have written.
enum ComplianceFixtures {
    static let vietnam = TimeZone(identifier: "Asia/Ho_Chi_Minh")!
    static let october = try! Period(parsing: "2024-10")
    /// "Before the 23rd" for 2024-10: 2024-10-23T00:00 in Hà Nội.
    static let deadline = Timestamp(rfc3339: "2024-10-23T00:00:00+07:00")!

    static func directory() -> UnitDirectory {
        var directory = UnitDirectory()
        let jan1 = LocalDate(year: 2024, month: 1, day: 1)!
        let units: [(String, String, UnitKind, String?)] = [
            ("tinh", "UBND tỉnh", .province, nil),
            ("so-tttt", "Sở Thông tin và Truyền thông", .provincialDepartment, "tinh"),
            ("so-yte", "Sở Y tế", .provincialDepartment, "tinh"),
            ("huyen-a", "UBND huyện A", .districtCommittee, "tinh"),
            ("phong-vh", "Phòng Văn hóa huyện A", .districtOffice, "huyen-a"),
        ]
        for (index, (id, name, kind, parent)) in units.enumerated() {
            directory.apply(
                .registered(UnitRegistered(unitId: id, name: name, kind: kind, parentId: parent, effectiveFrom: jan1)),
                position: Int64(index + 1))
        }
        return directory
    }

    /// Recorded events for a duty: each command decided on the state the previous ones left.
    static func events(
        unit: String, _ commands: [(ReportCommand, Timestamp)], firstPosition: Int64, confidentialAllowed: Bool = true
    ) throws -> [RecordedEvent] {
        let duty = ReportingDuty(obligationId: "monthly", unitId: unit, period: october)
        var state = DutyState.initial
        var recorded: [RecordedEvent] = []
        for (command, now) in commands {
            let events = try ReportDecider.decide(
                command, duty: duty, state: state, terms: DutyTerms(applies: true, confidentialAllowed: confidentialAllowed), now: now)
            for event in events {
                state = DutyState.evolve(state, event)
                let new = try event.newEvent()
                recorded.append(
                    RecordedEvent(
                        position: firstPosition + Int64(recorded.count), id: new.id, streamId: duty.streamId!,
                        streamVersion: state.version, type: new.type, schemaVersion: new.schemaVersion, data: new.data,
                        metadata: EventMetadata(actor: .system("test")), recordedAt: now, previousHash: "", hash: ""))
            }
        }
        return recorded
    }

    static func file(_ summary: String = "Báo cáo tháng 10", confidential: Bool = false, receivedAt: Timestamp? = nil) -> ReportCommand {
        .file(
            reportId: UUID().uuidString, content: ReportContent(summary: summary, body: "…"), confidential: confidential,
            channel: receivedAt == nil ? .api : .paper, receivedAt: receivedAt)
    }
}
