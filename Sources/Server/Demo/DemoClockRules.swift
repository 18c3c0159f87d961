/// The legal clocks of DOMAIN.md loaded as data through `/v1/rules`: first information within 24 hours
/// (Decree 09/2017, then Decree 244/2026 from 2026-07-01), press answers within 30 days, petition
/// measures within 30 days (15 working days from 2026-07-01, Decree 237/2026), and the outlet's
/// correction: online at once, daily within 2 days, weekly in the next issue. Re-running is harmless:
/// an existing rule or an identical revision answers 409, which the demo client accepts.
enum DemoClockRules {
    /// Rules to define: (id, JSON body).
    static let definitions: [(id: String, json: String)] = [
        (
            "first-information",
            #"""
            {"id":"first-information","clock":"firstInformation","effectiveFrom":"2017-03-25",
             "allowance":{"amount":24,"unit":"hours"},
             "legalBasis":"Nghị định 09/2017/NĐ-CP, Điều 6 khoản 3: thông tin ban đầu chậm nhất 24 giờ",
             "condition":{"minimumSeverity":"high","hotSpotQualifies":true}}
            """#
        ),
        (
            "press-answer",
            #"""
            {"id":"press-answer","clock":"pressAnswer","effectiveFrom":"2017-01-01",
             "allowance":{"amount":30,"unit":"days"},
             "legalBasis":"Luật Báo chí 2016, Điều 39: trả lời trên báo chí trong 30 ngày"}
            """#
        ),
        (
            "petition-measures",
            #"""
            {"id":"petition-measures","clock":"petitionMeasures","effectiveFrom":"2017-01-01",
             "allowance":{"amount":30,"unit":"days"},
             "legalBasis":"Luật Báo chí 2016, Điều 39: thông báo biện pháp giải quyết kiến nghị trong 30 ngày"}
            """#
        ),
        (
            "outlet-correction-online",
            #"""
            {"id":"outlet-correction-online","clock":"outletCorrection","effectiveFrom":"2017-01-01",
             "allowance":{"amount":0,"unit":"immediately"},
             "legalBasis":"Luật Báo chí 2016, Điều 42 khoản 5: báo điện tử cải chính ngay",
             "condition":{"outletPeriodicity":"online"}}
            """#
        ),
        (
            "outlet-correction-daily",
            #"""
            {"id":"outlet-correction-daily","clock":"outletCorrection","effectiveFrom":"2017-01-01",
             "allowance":{"amount":2,"unit":"days"},
             "legalBasis":"Luật Báo chí 2016, Điều 42 khoản 5: báo in hằng ngày, phát thanh, truyền hình trong 2 ngày",
             "condition":{"outletPeriodicity":"daily"}}
            """#
        ),
        (
            "outlet-correction-weekly",
            #"""
            {"id":"outlet-correction-weekly","clock":"outletCorrection","effectiveFrom":"2017-01-01",
             "allowance":{"amount":7,"unit":"nextIssue"},
             "legalBasis":"Luật Báo chí 2016, Điều 42 khoản 5: báo in định kỳ tuần đăng ở số kế tiếp",
             "condition":{"outletPeriodicity":"weekly"}}
            """#
        ),
    ]

    /// Revisions from 2026-07-01: (rule id, JSON body).
    static let revisions: [(id: String, json: String)] = [
        (
            "first-information",
            #"""
            {"effectiveFrom":"2026-07-01","allowance":{"amount":24,"unit":"hours"},
             "legalBasis":"Nghị định 244/2026/NĐ-CP, Điều 7: thông tin ban đầu chậm nhất 24 giờ",
             "condition":{"minimumSeverity":"high","hotSpotQualifies":true}}
            """#
        ),
        (
            "petition-measures",
            #"""
            {"effectiveFrom":"2026-07-01","allowance":{"amount":15,"unit":"workingDays"},
             "legalBasis":"Nghị định 237/2026/NĐ-CP, Điều 18: thông báo biện pháp giải quyết trong 15 ngày làm việc"}
            """#
        ),
    ]

    /// Defines every rule and adds the 2026-07-01 revisions, as the admin.
    static func load(_ client: DemoClient, admin: String) async throws {
        for (id, json) in definitions {
            try await client.post("v1/rules", json, token: admin, key: "rule-\(id)")
        }
        for (id, json) in revisions {
            try await client.post("v1/rules/\(id)/revisions", json, token: admin, key: "rule-\(id)-2026-07-01")
        }
    }
}
