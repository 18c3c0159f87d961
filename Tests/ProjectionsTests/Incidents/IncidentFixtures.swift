import Events
import Foundation
import Projections

/// A known October 2024 in Bắc Kạn: three incidents across their lifecycle and the 24-hour
/// first-information rule, as recorded events with positions, so reducer, filter, figure and
/// projection tests all start from the same log.
enum IncidentFixtures {
    static func t(_ text: String) -> Timestamp { Timestamp(rfc3339: text)! }

    /// The 24-hour first-information rule (Decree 09/2017 Art. 6(3)).
    static let firstInformation = ClockRule(
        ruleId: "thong-tin-ban-dau", clock: .firstInformation, effectiveFrom: LocalDate(year: 2024, month: 1, day: 1)!,
        allowance: ClockAllowance(amount: 24, unit: .hours), legalBasis: "Nghị định 09/2017/NĐ-CP, Điều 6 khoản 3")

    static func logged(
        _ id: String, source: IncidentSource, outlet: String, title: String, summary: String, topics: [String],
        units: [String], severity: IncidentSeverity, hotSpot: Bool = false, publishedAt: String, loggedAt: String
    ) -> IncidentEvent {
        .logged(
            IncidentLogged(
                incidentId: id, source: source, outlet: outlet, url: "https://example.vn/\(id)", canonicalUrl: "https://example.vn/\(id)",
                publishedAt: t(publishedAt), author: nil, title: title, summary: summary, topics: topics, unitIds: units,
                severity: severity, reach: 1200, hotSpot: hotSpot, pressRequest: nil, loggedAt: t(loggedAt)))
    }

    /// The scenario's events in log order (the rule first).
    static let scenario: [any Sendable] = [
        ClockRuleEvent.defined(ClockRuleDefined(rule: firstInformation, definedAt: t("2024-09-01T08:00:00+07:00"))),
        // 1. Land clearance in Chợ Đồn: assigned, a duplicate sighting, found inaccurate, correction asked,
        //    rebutted (a day late for the 24-hour rule), resolved.
        logged(
            "gpmb-cho-don", source: .press, outlet: "Báo Bắc Kạn", title: "Dư luận bức xúc về giải phóng mặt bằng ở Chợ Đồn",
            summary: "Người dân xã Bằng Lãng phản ánh chậm chi trả tiền bồi thường", topics: ["giải phóng mặt bằng"],
            units: ["huyen-cho-don"], severity: .high, hotSpot: true, publishedAt: "2024-10-01T08:00:00+07:00",
            loggedAt: "2024-10-01T10:00:00+07:00"),
        IncidentEvent.assigned(
            IncidentAssigned(
                incidentId: "gpmb-cho-don", unitId: "xa-bang-lang", dueAt: t("2024-10-04T17:00:00+07:00"), note: nil,
                assignedAt: t("2024-10-01T14:00:00+07:00"))),
        IncidentEvent.sightingAdded(
            SightingAdded(
                incidentId: "gpmb-cho-don", source: .socialMedia, outlet: "Facebook", url: nil, canonicalUrl: nil,
                publishedAt: t("2024-10-02T07:00:00+07:00"), author: nil, title: "Chia sẻ: đền bù đất đai ở xã Bằng Lãng",
                reach: 5000, addedAt: t("2024-10-02T09:00:00+07:00"))),
        IncidentEvent.verificationCompleted(
            VerificationCompleted(
                incidentId: "gpmb-cho-don", unitId: "xa-bang-lang", outcome: .inaccurate, findings: "Tiền bồi thường đã chi trả đủ",
                evidence: ["Biên bản 12/BB-UBND"], completedAt: t("2024-10-03T09:00:00+07:00"))),
        response("gpmb-cho-don", "r1", .correctionRequest, unit: "xa-bang-lang", at: "2024-10-03T15:00:00+07:00"),
        response("gpmb-cho-don", "r2", .rebuttal, unit: "xa-bang-lang", at: "2024-10-03T16:00:00+07:00"),
        IncidentEvent.resolved(
            IncidentResolved(incidentId: "gpmb-cho-don", resolution: "Đã cải chính", resolvedAt: t("2024-10-05T10:00:00+07:00"))),
        // 2. New rural development in Ba Bể: assigned, never verified; overdue from 6 October.
        logged(
            "ntm-ba-be", source: .socialMedia, outlet: "Facebook", title: "Nông thôn mới ở Ba Bể: đường bê tông xuống cấp",
            summary: "Đường liên thôn mới làm đã hỏng", topics: ["nông thôn mới"], units: ["huyen-ba-be"], severity: .medium,
            publishedAt: "2024-10-02T20:00:00+07:00", loggedAt: "2024-10-03T08:00:00+07:00"),
        IncidentEvent.assigned(
            IncidentAssigned(
                incidentId: "ntm-ba-be", unitId: "xa-cao-thuong", dueAt: t("2024-10-06T17:00:00+07:00"), note: "Kiểm tra hiện trường",
                assignedAt: t("2024-10-03T09:00:00+07:00"))),
        // 3. Public services: verified accurate in time, information given late for the 24-hour rule.
        logged(
            "dvc-so-yte", source: .electronicNews, outlet: "VnExpress", title: "Người dân phàn nàn dịch vụ công trực tuyến của Sở Y tế",
            summary: "Cổng dịch vụ công thường xuyên lỗi", topics: ["dịch vụ công"], units: ["so-yte"], severity: .low,
            publishedAt: "2024-10-04T07:00:00+07:00", loggedAt: "2024-10-04T09:00:00+07:00"),
        IncidentEvent.assigned(
            IncidentAssigned(
                incidentId: "dvc-so-yte", unitId: "so-yte", dueAt: t("2024-10-08T17:00:00+07:00"), note: nil,
                assignedAt: t("2024-10-04T10:00:00+07:00"))),
        IncidentEvent.verificationCompleted(
            VerificationCompleted(
                incidentId: "dvc-so-yte", unitId: "so-yte", outcome: .accurate, findings: "Cổng bị lỗi do nâng cấp", evidence: [],
                completedAt: t("2024-10-07T10:00:00+07:00"))),
        response("dvc-so-yte", "r1", .informationProvided, unit: "so-yte", at: "2024-10-07T11:00:00+07:00"),
    ]

    static func response(_ id: String, _ responseId: String, _ kind: ResponseKind, unit: String, at: String) -> IncidentEvent {
        .responseIssued(
            ResponseIssued(
                incidentId: id, responseId: responseId, kind: kind, unitId: unit, channel: "văn bản", targetOutlet: "Báo Bắc Kạn",
                outletPeriodicity: kind == .correctionRequest ? .daily : nil, content: "Nội dung phản hồi", issuedAt: t(at),
                recordedAt: t(at)))
    }

    /// Events (incident or clock-rule) as recorded, positions from `firstPosition`, recorded when they happened.
    static func recorded(_ events: [any Sendable], firstPosition: Int64 = 1) throws -> [RecordedEvent] {
        var versions: [StreamID: Int64] = [:]
        var result: [RecordedEvent] = []
        for event in events {
            let (stream, new, at): (StreamID, NewEvent, Timestamp)
            if let incident = event as? IncidentEvent {
                (stream, new, at) = (IncidentEvent.streamId(of: incident.incidentId)!, try incident.newEvent(), incident.occurredAt)
            } else if let rule = event as? ClockRuleEvent {
                (stream, new, at) = (ClockRuleEvent.stream, try rule.newEvent(), ruleTime(rule))
            } else {
                fatalError("not an incident or clock-rule event: \(event)")
            }
            versions[stream, default: 0] += 1
            result.append(
                RecordedEvent(
                    position: firstPosition + Int64(result.count), id: new.id, streamId: stream, streamVersion: versions[stream]!,
                    type: new.type, schemaVersion: new.schemaVersion, data: new.data, metadata: EventMetadata(actor: .system("test")),
                    recordedAt: at, previousHash: "", hash: ""))
        }
        return result
    }

    private static func ruleTime(_ event: ClockRuleEvent) -> Timestamp {
        switch event {
        case .defined(let e): return e.definedAt
        case .revised(let e): return e.revisedAt
        case .retired(let e): return e.retiredAt
        }
    }

    /// The scenario folded.
    static func register() throws -> IncidentRegister {
        var register = IncidentRegister()
        try register.apply(try recorded(scenario))
        return register
    }
}
