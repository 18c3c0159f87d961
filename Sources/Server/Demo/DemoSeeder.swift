import Foundation

/// Drives the API to build the demo: units, obligations, then reports month by month.
struct DemoSeeder {
    let client: DemoClient
    let tokens: DemoTokens

    /// The units expected under "before the 23rd, to the DIC" (the DIC itself is the recipient).
    static let monthlyReporters = ["so-yte", "so-gddt", "so-tnmt", "huyen-cho-don", "huyen-ba-be", "bao-bac-kan", "dai-ptth-bk"]

    func seed() async throws {
        try await DemoClockRules.load(client, admin: tokens.admin)
        for unit in DemoProvince.units {
            let parent = unit.parent.map { #","parentId":"\#($0)""# } ?? ""
            try await client.post(
                "v1/units", #"{"id":"\#(unit.id)","name":"\#(unit.name)","kind":"\#(unit.kind)"\#(parent),"effectiveFrom":"2024-01-01"}"#,
                token: tokens.admin, key: "unit-\(unit.id)")
        }
        for obligation in DemoProvince.obligations {
            try await client.post("v1/obligations", obligation.json, token: tokens.admin, key: "obligation-\(obligation.id)")
        }
        for month in [8, 9, 10] { try await seedMonth(month) }
        for week in 32...44 { try await seedWeek(week) }
        try await DemoIncidents(client: client, tokens: tokens).seed()
        // One report sent back for poor quality (seed 003) and sent again, improved — once.
        struct Returns: Decodable { var returns: [String] }
        let (_, report) = try await client.get("v1/reports/thang-dic.so-yte.2024-10", token: tokens.dic)
        guard (try? JSONDecoder().decode(Returns.self, from: Data(report.utf8)))?.returns.isEmpty == true else { return }
        try await client.post(
            "v1/reports/thang-dic.so-yte.2024-10/return", #"{"reason":"Thiếu phân tích, dự báo và đề xuất"}"#,
            token: tokens.dic, key: "return-so-yte-2024-10")
        try await client.post(
            "v1/reports/thang-dic.so-yte.2024-10/resubmissions",
            #"{"summary":"Bổ sung phân tích, dự báo diễn biến dư luận và đề xuất giải pháp","topics":["y tế","dịch vụ công"]}"#,
            token: tokens.healthOfficer, key: "resubmit-so-yte-2024-10")
    }

    /// A month: each unit's report arrives on time, just before midnight, late, or never, in turn.
    private func seedMonth(_ month: Int) async throws {
        let period = "2024-\(month < 10 ? "0" : "")\(month)"
        for (index, unit) in Self.monthlyReporters.enumerated() {
            let receivedAt: String?
            switch (index + month) % 4 {
            case 0: receivedAt = "\(period)-20T09:15:00+07:00"
            case 1: receivedAt = "\(period)-22T23:30:00+07:00"
            case 2: receivedAt = "\(period)-24T10:00:00+07:00"
            default: receivedAt = nil
            }
            if unit == "huyen-ba-be", month == 9 {
                try await client.post(
                    "v1/obligations/thang-dic/excusals",
                    #"{"unitId":"huyen-ba-be","period":"\#(period)","reason":"Lũ quét, mất liên lạc với các xã"}"#,
                    token: tokens.dic, key: "excuse-\(unit)-\(period)")
                continue
            }
            guard let receivedAt else { continue }
            try await client.post(
                "v1/reports",
                #"""
                {"obligationId":"thang-dic","unitId":"\#(unit)","period":"\#(period)","channel":"documentSystem",
                 "receivedAt":"\#(receivedAt)","summary":"Báo cáo nắm bắt dư luận xã hội tháng \#(month)/2024",
                 "body":"Dư luận quan tâm: giải phóng mặt bằng, xây dựng nông thôn mới, dịch vụ công trực tuyến.",
                 "topics":["giải phóng mặt bằng","nông thôn mới"]}
                """#, token: tokens.dic, key: "report-\(unit)-\(period)")
        }
        // The DIC's consolidated report to the Provincial People's Committee, before the 25th.
        try await client.post(
            "v1/reports",
            #"""
            {"obligationId":"thang-ubnd","unitId":"so-tttt","period":"\#(period)","channel":"documentSystem",
             "receivedAt":"\#(period)-24T16:00:00+07:00","summary":"Tổng hợp tình hình dư luận xã hội tháng \#(month)/2024"}
            """#, token: tokens.province, key: "report-so-tttt-\(period)")
    }

    /// A week of Chợ Đồn's media centre: the summary reaches the district office by Thursday 15:00, or not.
    private func seedWeek(_ week: Int) async throws {
        guard let thursday = LocalDateOfISOWeek.thursday(year: 2024, week: week) else { return }
        let time = week % 3 == 0 ? "16:10" : "14:20"
        try await client.post(
            "v1/reports",
            #"""
            {"obligationId":"tuan-cho-don","unitId":"ttvh-cho-don","period":"2024-W\#(week)","channel":"paper",
             "receivedAt":"\#(thursday)T\#(time):00+07:00","summary":"Tổng hợp tin, bài về huyện Chợ Đồn tuần \#(week)"}
            """#, token: tokens.district, key: "report-ttvh-2024-W\(week)")
    }
}
