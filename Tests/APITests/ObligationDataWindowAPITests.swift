import API
import EventStore
import Events
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LedgerTestSupport
import NIOCore
import Testing

/// Over HTTP: settable data windows, Decree 09/2019 Art. 8(5) on define and revise, `dueBy` and a
/// monthly schedule without a day, the recipient as only reporter, and `under=` naming no unit.
@Suite struct ObligationDataWindowAPITests {
    typealias O = ObligationsAPITests
    struct Problem: Decodable { var type: String; var status: Int; var detail: String; var field: String? }
    struct ForPeriod: Decodable { var dueDate: String; var deadline: String; var dataWindow: O.Window }
    struct Obligation: Decodable { var id: String; var forPeriod: ForPeriod? }

    static func terms(_ schedule: String, window: String? = nil, reporters: String = #"{"unitIds":["so-noi-vu","huyen-cd"]}"#) -> String {
        let dataWindow = window.map { #","dataWindow":\#($0)"# } ?? ""
        return #"{"title":"Báo cáo","recipientUnitId":"so-tttt","reporters":\#(reporters),"schedule":\#(schedule)\#(dataWindow)}"#
    }

    static func define(_ client: some TestClientProtocol, _ admin: HTTPFields, id: String, _ terms: String, from: String) async throws
        -> (HTTPResponse.Status, String)
    {
        let body = #"{"id":"\#(id)","effectiveFrom":"\#(from)","# + terms.dropFirst()
        return try await client.execute(uri: "/v1/obligations", method: .post, headers: admin, body: O.body(body)) {
            ($0.status, String(buffer: $0.body))
        }
    }

    static func period(_ client: some TestClientProtocol, _ auth: HTTPFields, _ id: String, _ period: String) async throws -> ForPeriod {
        try await client.execute(uri: "/v1/obligations/\(id)?period=\(period)", method: .get, headers: auth) { response in
            #expect(response.status == .ok, "\(String(buffer: response.body))")
            return try #require(try response.json(Obligation.self).forPeriod)
        }
    }

    static func problem(_ text: String) throws -> Problem { try JSONDecoder().decode(Problem.self, from: Data(text.utf8)) }

    static func field(_ text: String) -> String? { (try? problem(text))?.field }

    @Test func article8RefusesADeadlineBeforeTheCutOffOnDefineAndRevise() async throws {
        try await O.with { harness, client in
            let admin = try await harness.bearer(.admin)
            try await O.province(client, admin)
            let (status, body) = try await Self.define(
                client, admin, id: "bc-10", Self.terms(#"{"kind":"monthly","dueDay":10}"#), from: "2025-01")
            #expect(status == .badRequest, "\(body)")
            let refused = try Self.problem(body)
            #expect(refused.field == "schedule")
            #expect(refused.detail.contains("2025-01") && refused.detail.contains("Art. 8(5)"), "\(refused.detail)")
            let (withWindow, windowBody) = try await Self.define(
                client, admin, id: "bc-10", Self.terms(#"{"kind":"monthly","dueDay":10}"#, window: #"{"cutOffDay":9}"#), from: "2025-01")
            #expect(withWindow == .badRequest && Self.field(windowBody) == "dataWindow")
            let (created, _) = try await Self.define(
                client, admin, id: "bc-10", Self.terms(#"{"kind":"monthly","dueDay":10,"dueMonthOffset":1}"#, window: #"{"cutOffDay":31}"#),
                from: "2025-01")
            #expect(created == .created)
            let january = try await Self.period(client, admin, "bc-10", "2025-01")
            #expect(january.dataWindow.from == "2025-01-01" && january.dataWindow.to == "2025-01-31")
            #expect(january.deadline == "2025-02-10T00:00:00+07:00")
            let revision =
                #"{"effectiveFrom":"2025-02","#
                + Self.terms(#"{"kind":"monthly","dueDay":1,"dueMonthOffset":1}"#, window: #"{"cutOffDay":31}"#).dropFirst()
            var ifMatch = admin
            ifMatch[.ifMatch] = "\"1\""
            try await client.execute(uri: "/v1/obligations/bc-10/revisions", method: .post, headers: ifMatch, body: O.body(revision)) {
                #expect($0.status == .badRequest, "\(String(buffer: $0.body))")
                #expect(Self.field(String(buffer: $0.body)) == "dataWindow")
            }
        }
    }

    @Test func theWeeklyWindowIsTheSevenDaysBeforeTheDueDay() async throws {
        try await O.with { harness, client in
            let admin = try await harness.bearer(.admin)
            try await O.province(client, admin)
            let weekly = Self.terms(#"{"kind":"weekly","dueWeekday":"thursday","dueTime":"15:00"}"#)
            let (created, body) = try await Self.define(client, admin, id: "tuan", weekly, from: "2024-W50")
            #expect(created == .created, "\(body)")
            let week = try await Self.period(client, admin, "tuan", "2024-W51")
            #expect(week.deadline == "2024-12-19T15:00:00+07:00")
            #expect(
                week.dataWindow.from == "2024-12-12" && week.dataWindow.to == "2024-12-18", "the window ends before the Thursday deadline")
            let (midnight, midnightBody) = try await Self.define(
                client, admin, id: "tuan-0", Self.terms(#"{"kind":"weekly","dueWeekday":"thursday"}"#), from: "2024-W50")
            #expect(midnight == .badRequest && Self.field(midnightBody) == "schedule")
            let (set, _) = try await Self.define(
                client, admin, id: "tuan-0",
                Self.terms(#"{"kind":"weekly","dueWeekday":"thursday"}"#, window: #"{"cutOffDaysBeforeDue":2}"#),
                from: "2024-W50")
            #expect(set == .created)
            let (wrongForm, wrongBody) = try await Self.define(
                client, admin, id: "tuan-1", Self.terms(#"{"kind":"weekly","dueWeekday":"friday"}"#, window: #"{"cutOffDay":14}"#),
                from: "2024-W50")
            #expect(wrongForm == .badRequest && Self.field(wrongBody) == "dataWindow")
        }
    }

    @Test func dueByAndAMonthWithoutADayAreDueAtTheEndOfTheDay() async throws {
        try await O.with { harness, client in
            let admin = try await harness.bearer(.admin)
            try await O.province(client, admin)
            let (by30, body) = try await Self.define(
                client, admin, id: "bc-30", Self.terms(#"{"kind":"monthly","dueBy":30,"dueMonthOffset":1}"#), from: "2025-01")
            #expect(by30 == .created, "\(body)")
            #expect(body.contains(#""dueBy":30"#))
            let january = try await Self.period(client, admin, "bc-30", "2025-01")
            #expect(
                january.dueDate == "2025-02-28" && january.deadline == "2025-03-01T00:00:00+07:00",
                "no later than 30 February is the end of the 28th")
            let march = try await Self.period(client, admin, "bc-30", "2025-03")
            #expect(march.deadline == "2025-05-01T00:00:00+07:00", "no later than 30 April")
            let (monthEnd, _) = try await Self.define(client, admin, id: "bc-cuoi", Self.terms(#"{"kind":"monthly"}"#), from: "2025-01")
            #expect(monthEnd == .created)
            let due = try await Self.period(client, admin, "bc-cuoi", "2025-02")
            #expect(due.dueDate == "2025-02-28" && due.deadline == "2025-03-01T00:00:00+07:00")
            let (both, bothBody) = try await Self.define(
                client, admin, id: "bc-2", Self.terms(#"{"kind":"monthly","dueDay":23,"dueBy":22}"#), from: "2025-01")
            #expect(both == .badRequest, "\(bothBody)")
        }
    }

    @Test func theRecipientAsOnlyReporterAndAnUnknownUnderAreRefused() async throws {
        // The ledger clock is the real one here: compliance reads as of now see the units just registered.
        try await APIHarness.with { harness, client in
            let admin = try await harness.bearer(.admin)
            try await O.province(client, admin)
            let (status, body) = try await Self.define(
                client, admin, id: "tu-bao", Self.terms(#"{"kind":"monthly","dueDay":23}"#, reporters: #"{"unitIds":["so-tttt"]}"#),
                from: "2025-01")
            #expect(status == .badRequest && Self.field(body) == "reporters.unitIds", "\(body)")
            _ = try await O.define(client, admin)
            for uri in [
                "/v1/compliance?obligation=bc-du-luan&period=2024-10&under=khong-co",
                "/v1/compliance/summary?period=2024-10&under=khong-co",
            ] {
                try await client.execute(uri: uri, method: .get, headers: admin) { response in
                    #expect(response.status == .notFound, "\(uri): \(String(buffer: response.body))")
                    #expect(Self.field(String(buffer: response.body)) == "under")
                }
            }
            try await client.execute(uri: "/v1/compliance/summary?period=2024-10&under=huyen-cd", method: .get, headers: admin) {
                #expect($0.status == .ok, "\(String(buffer: $0.body))")
            }
        }
    }
}
