/// The seeds' province as data (Bắc Kạn, seed 000; Chợ Đồn district, seed 001; the Party
/// propaganda board, seed 003): units, their parents and kinds.
enum DemoProvince {
    struct Unit {
        let id: String
        let name: String
        let kind: String
        let parent: String?
    }

    static let units: [Unit] = [
        Unit(id: "tinh-bk", name: "UBND tỉnh Bắc Kạn", kind: "province", parent: nil),
        Unit(id: "so-tttt", name: "Sở Thông tin và Truyền thông", kind: "provincialDepartment", parent: "tinh-bk"),
        Unit(id: "so-yte", name: "Sở Y tế", kind: "provincialDepartment", parent: "tinh-bk"),
        Unit(id: "so-gddt", name: "Sở Giáo dục và Đào tạo", kind: "provincialDepartment", parent: "tinh-bk"),
        Unit(id: "so-tnmt", name: "Sở Tài nguyên và Môi trường", kind: "provincialDepartment", parent: "tinh-bk"),
        Unit(id: "huyen-cho-don", name: "UBND huyện Chợ Đồn", kind: "districtCommittee", parent: "tinh-bk"),
        Unit(id: "vp-huyen-cho-don", name: "Văn phòng HĐND-UBND huyện Chợ Đồn", kind: "districtOffice", parent: "huyen-cho-don"),
        Unit(
            id: "ttvh-cho-don", name: "Trung tâm Văn hóa, Thể thao và Truyền thông huyện Chợ Đồn", kind: "mediaCentre",
            parent: "huyen-cho-don"),
        Unit(id: "xa-bang-lang", name: "UBND xã Bằng Lãng", kind: "commune", parent: "huyen-cho-don"),
        Unit(id: "tt-bang-lung", name: "UBND thị trấn Bằng Lũng", kind: "commune", parent: "huyen-cho-don"),
        Unit(id: "huyen-ba-be", name: "UBND huyện Ba Bể", kind: "districtCommittee", parent: "tinh-bk"),
        Unit(id: "xa-cao-thuong", name: "UBND xã Cao Thượng", kind: "commune", parent: "huyen-ba-be"),
        Unit(id: "bao-bac-kan", name: "Báo Bắc Kạn", kind: "pressAgency", parent: "tinh-bk"),
        Unit(id: "dai-ptth-bk", name: "Đài Phát thanh và Truyền hình Bắc Kạn", kind: "pressAgency", parent: "tinh-bk"),
        Unit(id: "tinh-uy-bk", name: "Tỉnh ủy Bắc Kạn", kind: "partyCommittee", parent: nil),
        Unit(id: "btg-tinh-uy", name: "Ban Tuyên giáo Tỉnh ủy", kind: "propagandaBoard", parent: "tinh-uy-bk"),
    ]

    /// The obligations of the seeds, as `POST /v1/obligations` bodies.
    static let obligations: [(id: String, json: String)] = [
        (
            "thang-dic",
            #"""
            {"id":"thang-dic","title":"Báo cáo kết quả công tác nắm bắt, giải quyết vấn đề dư luận xã hội hằng tháng",
             "description":"Công văn 6976/UBND-VXNV: trước ngày 23 hằng tháng, gửi UBND tỉnh qua Sở TT&TT",
             "reporters":{"kinds":["provincialDepartment","districtCommittee","pressAgency"],"underUnitId":"tinh-bk"},
             "recipientUnitId":"so-tttt","schedule":{"kind":"monthly","dueDay":23},"effectiveFrom":"2024-01"}
            """#
        ),
        (
            "thang-ubnd",
            #"""
            {"id":"thang-ubnd","title":"Báo cáo tổng hợp công tác nắm bắt và định hướng dư luận xã hội",
             "description":"Sở TT&TT tổng hợp, báo cáo UBND tỉnh trước ngày 25 hằng tháng",
             "reporters":{"unitIds":["so-tttt"]},"recipientUnitId":"tinh-bk",
             "schedule":{"kind":"monthly","dueDay":25},"effectiveFrom":"2024-01"}
            """#
        ),
        (
            "tuan-cho-don",
            #"""
            {"id":"tuan-cho-don","title":"Tổng hợp tin, bài báo chí và mạng xã hội về huyện trong tuần",
             "reporters":{"unitIds":["ttvh-cho-don"]},"recipientUnitId":"huyen-cho-don",
             "schedule":{"kind":"weekly","dueWeekday":"thursday","dueTime":"15:00"},"effectiveFrom":"2024-W31"}
            """#
        ),
        (
            "thang-btg",
            #"""
            {"id":"thang-btg","title":"Báo cáo tình hình dư luận xã hội trên địa bàn tỉnh",
             "description":"Ban Tuyên giáo Tỉnh ủy trình Thường trực Tỉnh ủy chậm nhất ngày 20 hằng tháng",
             "reporters":{"unitIds":["btg-tinh-uy"]},"recipientUnitId":"tinh-uy-bk","confidentialAllowed":true,
             "schedule":{"kind":"monthly","dueBy":20},"effectiveFrom":"2024-01"}
            """#
        ),
    ]
}
