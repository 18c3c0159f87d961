import EventStore
import Events
import Foundation

/// A national-scale log for the read benchmark (`scripts/bench --reads`), written through the store
/// month by month so that any prefix of the months is a log that could have happened:
/// a tree of provinces, districts and communes (some renamed, moved and merged on the way), three
/// obligations (monthly from every commune, weekly from every district, quarterly from provinces
/// and districts, the monthly one revised half-way), their reports (on time, late, missing,
/// amended, returned and re-submitted, accepted, excused, received on paper) and incidents through
/// their whole lifecycle (sightings, assignments, verification, responses, resolution, closing,
/// reopening, merges). Events come from the write side's own deciders; every instant in them is
/// the month's own, so deadlines and clocks judge them as if they had been written then.
struct NationalBenchLog: Sendable {
    let provinces: Int
    let districts: Int
    let communes: Int
    let incidents: Int
    let months: Int
    let store: PostgresEventStore
    let writers: Int
    /// The units whose duties under the `mau` obligation are left for the benchmark's timed filings.
    static let sampleUnits = 64

    /// The first month of the timeline.
    static let firstMonth = try! Period.month(year: 2023, month: 12)
    static let zone = LedgerClock.vietnam
    static let start = LocalDate(year: 2023, month: 1, day: 1)!

    /// The communes' ids, province by province, district by district.
    var communeIds: [String] {
        (1...provinces).flatMap { p in (1...districts).flatMap { d in (1...communes).map { c in "xa-\(p)-\(d)-\(c)" } } }
    }

    /// Writes the months `range` (0-based; month 0 also writes the tree and the obligations).
    /// Returns the number of events appended.
    func write(months range: Range<Int>) async throws -> Int {
        var written = 0
        if range.lowerBound == 0 {
            written += try await appendAll(try tree())
            written += try await appendAll(try obligations())
        }
        for month in range {
            written += try await appendAll(try structuralChanges(in: month))
            written += try await appendAll(try reports(in: month) + incidentStreams(in: month))
        }
        return written
    }

    // MARK: - The tree

    private func unitStream(_ id: String) -> StreamID { StreamID("unit-\(id)")! }

    private func tree() throws -> [(StreamID, [NewEvent])] {
        func registered(_ id: String, _ name: String, _ kind: UnitKind, _ parent: String?) throws -> (StreamID, [NewEvent]) {
            let event = UnitEvent.registered(
                UnitRegistered(unitId: id, name: name, kind: kind, parentId: parent, effectiveFrom: Self.start))
            return (unitStream(id), [try event.newEvent()])
        }
        var streams = [try registered("tw", "Ban Tuyên giáo Trung ương", .propagandaBoard, nil)]
        streams.append(try registered("tw-ttdl", "Cục Thông tin dư luận", .provincialDepartment, "tw"))
        for p in 1...provinces {
            streams.append(try registered("tinh-\(p)", "UBND tỉnh \(p)", .province, "tw"))
        }
        for p in 1...provinces {
            for d in 1...districts {
                streams.append(try registered("huyen-\(p)-\(d)", "UBND huyện \(p)-\(d)", .districtCommittee, "tinh-\(p)"))
            }
        }
        for p in 1...provinces {
            for d in 1...districts {
                for c in 1...communes {
                    streams.append(try registered("xa-\(p)-\(d)-\(c)", "UBND xã \(p)-\(d)-\(c)", .commune, "huyen-\(p)-\(d)"))
                }
            }
        }
        return streams
    }

    /// Month 6: a commune of every district is renamed; month 9: one per province moves to the next
    /// district; months 12 and 24: the last commune of every fifth district merges into its neighbour.
    private func structuralChanges(in month: Int) throws -> [(StreamID, [NewEvent])] {
        let first = try period(month).firstDay
        var streams: [(StreamID, [NewEvent])] = []
        for p in 1...provinces {
            for d in 1...districts {
                switch month {
                case 6:
                    let id = "xa-\(p)-\(d)-1"
                    streams.append(
                        (
                            unitStream(id),
                            [
                                try UnitEvent.renamed(UnitRenamed(unitId: id, name: "UBND phường \(p)-\(d)-1", effectiveFrom: first))
                                    .newEvent()
                            ]
                        ))
                case 9 where d == 1 && districts > 1 && communes > 2:
                    let id = "xa-\(p)-1-2"
                    streams.append(
                        (
                            unitStream(id),
                            [try UnitEvent.moved(UnitMoved(unitId: id, parentId: "huyen-\(p)-2", effectiveFrom: first)).newEvent()]
                        ))
                case 12 where d % 5 == 0 && communes > 2, 24 where d % 5 == 1 && communes > 3:
                    let (gone, into) = month == 12 ? (communes, communes - 1) : (communes - 2, communes - 3)
                    let id = "xa-\(p)-\(d)-\(gone)"
                    streams.append(
                        (
                            unitStream(id),
                            [
                                try UnitEvent.merged(UnitMerged(unitId: id, intoUnitId: "xa-\(p)-\(d)-\(into)", effectiveFrom: first))
                                    .newEvent()
                            ]
                        ))
                default: break
                }
            }
        }
        return streams
    }

    /// Whether `commune` (`c` of district `d`) has merged into another by `month`.
    private func merged(district d: Int, commune c: Int, by month: Int) -> Bool {
        (month >= 12 && d % 5 == 0 && communes > 2 && c == communes) || (month >= 24 && d % 5 == 1 && communes > 3 && c == communes - 2)
    }

    // MARK: - Obligations

    static let monthly = Schedule.monthly(dueDay: .before(23))
    static let weekly = Schedule.weekly(dueWeekday: .thursday, dueTime: LocalTime(hour: 15, minute: 0)!)
    static let quarterly = Schedule.quarterly(dueDay: .by(20), dueMonthOffset: 1)

    private func obligations() throws -> [(StreamID, [NewEvent])] {
        func defined(_ id: String, _ title: String, _ reporters: ReporterSelection, _ schedule: Schedule, from: Period) throws -> (
            StreamID, [NewEvent]
        ) {
            let terms = ObligationTerms(title: title, reporters: reporters, recipientUnitId: "tw-ttdl", schedule: schedule)
            return (
                StreamID("obligation-\(id)")!,
                [try NewEvent(ObligationDefined(obligationId: id, effectiveFrom: from, terms: terms))]
            )
        }
        let first = Self.firstMonth.firstDay
        return [
            try defined(
                "thang", "Báo cáo tháng tình hình dư luận xã hội", .kinds([.commune], underUnitId: "tw"), Self.monthly,
                from: Self.firstMonth),
            try defined(
                "tuan", "Báo cáo tuần", .kinds([.districtCommittee], underUnitId: "tw"), Self.weekly, from: Period(.week, containing: first)
            ),
            try defined(
                "quy", "Báo cáo quý", .kinds([.province, .districtCommittee], underUnitId: "tw"), Self.quarterly,
                from: Period(.quarter, containing: first)),
            try defined("mau", "Báo cáo mẫu", .units(Array(communeIds.prefix(Self.sampleUnits))), Self.monthly, from: Self.firstMonth),
        ]
    }

    /// Month 18: the monthly obligation's terms are revised (its due day moves to the 25th).
    private func revision(in month: Int) throws -> [(StreamID, [NewEvent])] {
        guard month == 18 else { return [] }
        let terms = ObligationTerms(
            title: "Báo cáo tháng tình hình dư luận xã hội (sửa đổi)", reporters: .kinds([.commune], underUnitId: "tw"),
            recipientUnitId: "tw-ttdl", schedule: .monthly(dueDay: .before(25)))
        return [
            (
                StreamID("obligation-thang")!,
                [try NewEvent(ObligationRevised(obligationId: "thang", effectiveFrom: try period(month), terms: terms))]
            )
        ]
    }

    // MARK: - Reports

    private func period(_ month: Int) throws -> Period {
        var period = Self.firstMonth
        for _ in 0..<month { period = period.next! }
        return period
    }

    /// The instant `day` (clamped to the month), `hour`:00 local time, of `month`.
    private func instant(_ month: Int, day: Int, hour: Int, minute: Int = 0) throws -> Timestamp {
        let first = try period(month).firstDay
        let last = LocalDate.numberOfDays(inMonth: first.month, year: first.year)
        let date = LocalDate(year: first.year, month: first.month, day: min(max(day, 1), last))!
        return date.instant(at: LocalTime(hour: hour, minute: minute)!, in: Self.zone)
    }

    /// One duty's events: filed on time (most), late, on paper, or not at all; some excused; then
    /// some amended, returned and re-submitted, or accepted. `seed` picks the story.
    private func dutyEvents(_ duty: ReportingDuty, seed: Int, due: Timestamp) throws -> [NewEvent] {
        let terms = DutyTerms(applies: true, confidentialAllowed: false)
        let day: Int64 = 86_400_000_000
        let hour: Int64 = 3_600_000_000
        func at(_ offset: Int64) -> Timestamp { Timestamp(microsecondsSinceEpoch: due.microsecondsSinceEpoch + offset) }
        let content = ReportContent(
            summary: "Tình hình dư luận xã hội \(duty.period) của \(duty.unitId): ổn định, một số phản ánh về đất đai.",
            body: "Dư luận quan tâm tiến độ giải phóng mặt bằng, xây dựng nông thôn mới và giá cả thị trường.")
        let reportId = "\(duty.obligationId).\(duty.unitId).\(duty.period)"
        var state = DutyState.initial
        var events: [ReportEvent] = []
        func decide(_ command: ReportCommand, at now: Timestamp) throws {
            let decided = try ReportDecider.decide(command, duty: duty, state: state, terms: terms, now: now)
            state = decided.reduce(state, DutyState.evolve)
            events += decided
        }
        let story = seed % 20
        switch story {
        case 0: return []  // overdue: nothing filed
        case 1: try decide(.excuse(reason: "Đơn vị đang sáp nhập, được miễn kỳ này."), at: at(-3 * day))
        case 2, 3:  // late, by hours or days
            try decide(
                .file(reportId: reportId, content: content, confidential: false, channel: .api, receivedAt: nil),
                at: at(story == 2 ? 5 * hour : 2 * day))
        case 4:  // on paper, recorded by the recipient later
            try decide(
                .file(reportId: reportId, content: content, confidential: false, channel: .paper, receivedAt: at(-2 * day)), at: at(day))
        default:
            try decide(
                .file(reportId: reportId, content: content, confidential: false, channel: .api, receivedAt: nil),
                at: at(-2 * day - Int64(seed % 7) * hour))
        }
        switch story {
        case 5: try decide(.amend(content), at: at(-day))
        case 6:
            try decide(.returnToUnit(reason: "Thiếu số liệu về các vụ việc nổi cộm."), at: at(-day))
            try decide(.resubmit(content), at: at(-day + 2 * hour))
        case 7...12: try decide(.accept, at: at(day))
        default: break
        }
        return try events.map { try $0.newEvent() }
    }

    private func reports(in month: Int) throws -> [(StreamID, [NewEvent])] {
        var streams = try revision(in: month)
        let monthly = try period(month)
        let schedule = month >= 18 ? Schedule.monthly(dueDay: .before(25)) : Self.monthly
        let monthlyDue = try schedule.deadline(for: monthly, timeZone: Self.zone)
        var index = month * 7_919
        func add(_ obligation: String, _ unit: String, _ period: Period, due: Timestamp) throws {
            index += 1
            let duty = ReportingDuty(obligationId: obligation, unitId: unit, period: period)
            let events = try dutyEvents(duty, seed: index &* 2_654_435_761 >> 7, due: due)
            if !events.isEmpty { streams.append((duty.streamId!, events)) }
        }
        for p in 1...provinces {
            for d in 1...districts {
                for c in 1...communes where !merged(district: d, commune: c, by: month) {
                    try add("thang", "xa-\(p)-\(d)-\(c)", monthly, due: monthlyDue)
                }
            }
        }
        // Weeks and quarters whose deadline falls in this month.
        let first = monthly.firstDay.instant(at: .midnight, in: Self.zone)
        let next = monthly.next!.firstDay.instant(at: .midnight, in: Self.zone)
        var week = Period(.week, containing: monthly.firstDay).previous!
        while true {
            let due = try Self.weekly.deadline(for: week, timeZone: Self.zone)
            if due >= next { break }
            if due >= first {
                for p in 1...provinces { for d in 1...districts { try add("tuan", "huyen-\(p)-\(d)", week, due: due) } }
            }
            week = week.next!
        }
        let quarter = Period(.quarter, containing: monthly.firstDay).previous!
        let quarterDue = try Self.quarterly.deadline(for: quarter, timeZone: Self.zone)
        if quarterDue >= first, quarterDue < next, quarter >= Period(.quarter, containing: Self.firstMonth.firstDay) {
            for p in 1...provinces {
                try add("quy", "tinh-\(p)", quarter, due: quarterDue)
                for d in 1...districts { try add("quy", "huyen-\(p)-\(d)", quarter, due: quarterDue) }
            }
        }
        return streams
    }

    // MARK: - Incidents

    /// This month's incidents, logged (and assigned, escalated, merged) in it, and the rest of last
    /// month's incidents' lifecycle (verified, answered, resolved, closed, some reopened and resolved
    /// again): at any month's end the open incidents are about a month's worth and a few that linger.
    private func incidentStreams(in month: Int) throws -> [(StreamID, [NewEvent])] {
        let current = try incidentLifecycles(of: month).map { ($0.stream, $0.first) }
        let finished = month == 0 ? [] : try incidentLifecycles(of: month - 1).filter { !$0.later.isEmpty }.map { ($0.stream, $0.later) }
        return finished + current
    }

    /// One incident's stream, the events of the month it is logged in, and those of the month after.
    struct Lifecycle {
        var stream: StreamID
        var first: [NewEvent]
        var later: [NewEvent]
        var state: IncidentState
    }

    private func incidentLifecycles(of month: Int) throws -> [Lifecycle] {
        func count(_ month: Int) -> Int { incidents / months + (month < incidents % months ? 1 : 0) }
        let perMonth = count(month)
        let before = (0..<month).reduce(0) { $0 + count($1) }
        let communeIds = self.communeIds
        var lifecycles: [Lifecycle] = []
        var previous: IncidentState?
        for offset in 0..<perMonth {
            let lifecycle = try incident(
                before + offset, month: month, day: 1 + offset * 27 / max(1, perMonth), communeIds: communeIds, survivor: previous)
            lifecycles.append(lifecycle)
            previous = lifecycle.state
        }
        return lifecycles
    }

    private static let topics = [
        "đất đai", "giải phóng mặt bằng", "nông thôn mới", "môi trường", "giá cả", "y tế", "giáo dục", "an ninh trật tự",
    ]

    /// One incident (`survivor` is the one before it, a merge target): 1 in 100 lingers logged and
    /// never handled, 1 in 100 merges into the one before; the others are assigned in their month (a
    /// few escalated) and verified, answered and resolved the month after, most then closed, a few
    /// reopened and resolved again.
    private func incident(_ index: Int, month: Int, day: Int, communeIds: [String], survivor: IncidentState?) throws -> Lifecycle {
        let id = String(format: "00000000-0000-5000-8000-%012d", index)
        let spread = index &* 2_654_435_761 >> 5
        let unit = communeIds[spread % communeIds.count]
        let district = String(unit.dropFirst(3).split(separator: "-").prefix(2).joined(separator: "-"))
        let superiors = ["huyen-\(district)", "tinh-\(district.split(separator: "-")[0])"]
        var now = try instant(month, day: day, hour: 8 + index % 9, minute: index % 60)
        let sources = IncidentSource.allCases
        let severities = IncidentSeverity.allCases
        let topic = Self.topics[index % Self.topics.count]
        let context = IncidentContext(activeUnitIds: Set([unit] + superiors), superiorUnitIds: superiors, mergeTarget: survivor)
        var state = IncidentState.initial
        var events: [IncidentEvent] = []
        func decide(_ command: IncidentCommand, after hours: Int64) throws {
            now = Timestamp(microsecondsSinceEpoch: now.microsecondsSinceEpoch + hours * 3_600_000_000)
            let decided = try IncidentDecider.decide(command, state: state, context: context, now: now)
            state = decided.reduce(state, IncidentState.evolve)
            events += decided
        }
        let draft = IncidentDraft(
            incidentId: id, source: sources[index % sources.count],
            outlet: ["Báo Mới", "VnExpress", "Facebook", "Zalo", "Tiếp công dân"][index % 5],
            publishedAt: now, title: "Phản ánh số \(index) về \(topic) tại \(unit)",
            summary: "Người dân phản ánh về \(topic); cần xác minh và trả lời.", topics: [topic], unitIds: [unit],
            severity: severities[spread % severities.count], reach: Int64(100 + spread % 50_000), hotSpot: spread % 23 == 0)
        let story = spread % 100
        try decide(.log(draft), after: 0)
        if story % 2 == 0 {
            try decide(.addSighting(SightingDraft(source: .socialMedia, outlet: "Facebook", publishedAt: now, reach: 2_000)), after: 1)
        }
        if story == 99, let survivor, survivor.mergedInto == nil {
            try decide(.merge(into: survivor.incidentId, reason: "Cùng một vụ việc."), after: 2)
        } else if story != 0 {
            try decide(
                .assign(unitId: unit, dueAt: Timestamp(microsecondsSinceEpoch: now.microsecondsSinceEpoch + 5 * 86_400_000_000), note: nil),
                after: 2)
            if story % 25 == 3 { try decide(.escalate(toUnitId: nil, reason: "Vượt thẩm quyền của xã."), after: 24) }
        }
        let first = try events.map { try $0.newEvent() }
        let afterFirst = state
        events = []
        if state.phase == .assigned {
            // The month after: verified, answered, resolved; most closed; a few reopened and resolved again.
            now = try instant(month + 1, day: min(day, 27), hour: 9)
            let outcome: VerificationOutcome = story % 3 == 0 ? .inaccurate : .accurate
            try decide(.completeVerification(outcome: outcome, findings: "Đã xác minh tại địa phương.", evidence: []), after: 0)
            try decide(
                .issueResponse(
                    ResponseDraft(
                        responseId: "r-\(index)", kind: outcome == .inaccurate ? .rebuttal : .officialResponse, channel: "Cổng thông tin",
                        content: "Thông tin chính thức của đơn vị.")), after: 4)
            try decide(.resolve(resolution: "Đã trả lời người dân."), after: 6)
            if story >= 30 { try decide(.close, after: 48) }
            if story == 97 || story == 98 {
                try decide(.reopen(reason: "Người dân tiếp tục phản ánh."), after: 24)
                try decide(.resolve(resolution: "Đã trả lời lại người dân."), after: 48)
            }
        }
        return Lifecycle(
            stream: IncidentEvent.streamId(of: id)!, first: first, later: try events.map { try $0.newEvent() }, state: afterFirst)
    }

    // MARK: - Appending

    /// Appends every stream (each new), `writers` at a time; returns the events written.
    private func appendAll(_ streams: [(StreamID, [NewEvent])]) async throws -> Int {
        guard !streams.isEmpty else { return 0 }
        let metadata = EventMetadata(actor: .system("bench-seed"))
        return try await withThrowingTaskGroup(of: Int.self) { group in
            for writer in 0..<min(writers, streams.count) {
                group.addTask {
                    var written = 0
                    for index in stride(from: writer, to: streams.count, by: writers) {
                        let (stream, events) = streams[index]
                        _ = try await store.append(AppendRequest(stream: stream, expectedVersion: .any, events: events, metadata: metadata))
                        written += events.count
                    }
                    return written
                }
            }
            return try await group.reduce(0, +)
        }
    }
}
