import Events
import Projections
import Testing

/// Compliance rows and roll-ups from duty events, at an instant — the deadline edges in local time,
/// answers as of a past instant, confidential summaries and per-child rates.
@Suite struct ComplianceTableTests {
    typealias F = ComplianceFixtures

    static func t(_ text: String) -> Timestamp { Timestamp(rfc3339: text)! }

    func table(_ events: [RecordedEvent], asOf: Timestamp) throws -> [String: ComplianceRow] {
        var records: [ReportingDuty: DutyRecord] = [:]
        try DutyRecord.fold(events.filter { $0.recordedAt <= asOf }, into: &records)
        let byUnit = Dictionary(uniqueKeysWithValues: records.values.map { ($0.duty.unitId, $0) })
        let expected = F.directory().units(on: LocalDate(year: 2024, month: 10, day: 22)!).filter {
            $0.kind == .provincialDepartment || $0.kind == .districtCommittee
        }
        let rows = ComplianceTable.rows(expected: expected, records: byUnit, deadline: F.deadline, asOf: asOf)
        return Dictionary(uniqueKeysWithValues: rows.map { ($0.unitId, $0) })
    }

    @Test func theLastSecondBeforeThe23rdIsOnTimeTheFirstSecondAfterIsLate() throws {
        let events =
            try F.events(unit: "so-tttt", [(F.file(), Self.t("2024-10-22T23:59:59+07:00"))], firstPosition: 1)
            + F.events(unit: "so-yte", [(F.file(), Self.t("2024-10-23T00:00:01+07:00"))], firstPosition: 10)
        let rows = try table(events, asOf: Self.t("2024-11-01T00:00:00+07:00"))
        #expect(rows["so-tttt"]?.status == .onTime)
        #expect(rows["so-yte"]?.status == .late(bySeconds: 1))
        #expect(rows["huyen-a"]?.status == .overdue(bySeconds: 9 * 86_400), "nothing filed by 1 November: 9 days overdue")
    }

    @Test func asOfAPastInstantAnswersAsTheLogStoodThen() throws {
        let events = try F.events(unit: "so-yte", [(F.file(), Self.t("2024-10-25T08:00:00+07:00"))], firstPosition: 1)
        let before = try table(events, asOf: Self.t("2024-10-20T00:00:00+07:00"))
        #expect(before["so-yte"]?.status == .notDue)
        let between = try table(events, asOf: Self.t("2024-10-24T00:00:00+07:00"))
        #expect(between["so-yte"]?.status == .overdue(bySeconds: 86_400))
        let after = try table(events, asOf: Self.t("2024-10-26T00:00:00+07:00"))
        #expect(after["so-yte"]?.status == .late(bySeconds: 2 * 86_400 + 8 * 3600))
    }

    @Test func aPaperReceiptDecidesTimelinessButCountsOnlyOnceRecorded() throws {
        let received = Self.t("2024-10-21T10:00:00+07:00")
        let recorded = Self.t("2024-10-28T10:00:00+07:00")
        let events = try F.events(unit: "huyen-a", [(F.file(receivedAt: received), recorded)], firstPosition: 1)
        #expect(try table(events, asOf: Self.t("2024-10-27T00:00:00+07:00"))["huyen-a"]?.status == .overdue(bySeconds: 4 * 86_400))
        #expect(try table(events, asOf: recorded)["huyen-a"]?.status == .onTime)
    }

    @Test func excusedReturnedAndConfidentialRows() throws {
        let oct20 = Self.t("2024-10-20T09:00:00+07:00")
        let events =
            try F.events(unit: "so-tttt", [(.excuse(reason: "đơn vị mới thành lập"), oct20)], firstPosition: 1)
            + F.events(
                unit: "so-yte", [(F.file(), oct20), (.returnToUnit(reason: "thiếu phân tích, dự báo và đề xuất"), oct20)], firstPosition: 10
            )
            + F.events(unit: "huyen-a", [(F.file("Mật", confidential: true), oct20)], firstPosition: 20)
        let rows = try table(events, asOf: Self.t("2024-10-30T00:00:00+07:00"))
        #expect(rows["so-tttt"]?.status == .excused)
        #expect(rows["so-yte"]?.status == .onTime, "a returned report was still submitted on time")
        #expect(rows["so-yte"]?.stage == .returned)
        #expect(rows["huyen-a"]?.confidential == true)
        #expect(rows["huyen-a"]?.summary == nil, "a confidential summary is never shown")
        #expect(rows["so-yte"]?.summary == "Báo cáo tháng 10")
    }

    @Test func rollUpCountsPerChildAndRates() throws {
        let events =
            try F.events(unit: "so-tttt", [(F.file(), Self.t("2024-10-20T09:00:00+07:00"))], firstPosition: 1)
            + F.events(unit: "huyen-a", [(F.file(), Self.t("2024-10-24T09:00:00+07:00"))], firstPosition: 10)
        let rows = Array(try table(events, asOf: Self.t("2024-10-30T00:00:00+07:00")).values)
        let (total, byChild) = ComplianceTable.rollUp(
            rows, under: "tinh", directory: F.directory(), on: LocalDate(year: 2024, month: 10, day: 22)!)
        #expect(total.expected == 3)
        #expect(total.onTime == 1 && total.late == 1 && total.overdue == 1)
        #expect(total.onTimeRate == 1.0 / 3.0)
        #expect(byChild["so-tttt"]?.onTime == 1)
        #expect(byChild["huyen-a"]?.late == 1)
        #expect(byChild["so-yte"]?.overdue == 1)
    }
}
