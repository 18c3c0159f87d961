import Foundation

extension DemoIncidents {
    /// The titles the stories are found by (and merged into).
    enum Title {
        static let landClearance = "Người dân xã Bằng Lãng mòn mỏi chờ tiền bồi thường giải phóng mặt bằng"
        static let ruralRoad = "Đường bê tông nông thôn mới ở xã Cao Thượng nứt vỡ sau một năm"
        static let healthPortal = "Cổng dịch vụ công trực tuyến ngành y tế Bắc Kạn thường xuyên lỗi"
        static let bangLung = "Thị trấn Bằng Lũng về đích nông thôn mới nâng cao, người dân mong cải thiện thu gom rác"
        static let oneStopShop = "Người dân phản ánh chậm trả kết quả hồ sơ đất đai tại bộ phận một cửa huyện Chợ Đồn"
        static let provincialRoad = "Bắc Kạn: dự án đường tỉnh 258 chậm tiến độ vì vướng giải phóng mặt bằng"
        static let birthRumour = "Tin đồn phải nộp phí mới được đăng ký khai sinh trực tuyến ở Ba Bể"
        static let birthClip = "Clip lan truyền: làm khai sinh online phải chuyển khoản lệ phí?"
    }

    /// The stories, in the order they are logged.
    var stories: [Story] {
        [
            Story(
                key: "gpmb-bang-lang", title: Title.landClearance,
                log: item(
                    source: "press", outlet: "Báo Bắc Kạn", url: "https://baobackan.org.vn/xa-hoi/nguoi-dan-bang-lang-cho-tien-boi-thuong",
                    published: at(6, "07:30"), title: Title.landClearance,
                    summary:
                        "Hơn 20 hộ dân có đất bị thu hồi làm đường tránh thị trấn Bằng Lũng phản ánh chưa nhận đủ tiền bồi thường sau 8 tháng.",
                    topics: ["giải phóng mặt bằng"], units: ["xa-bang-lang"], severity: "high", reach: 12000, hotSpot: true),
                steps: [
                    // The same article shared with tracking parameters: folded into the incident, not a new one.
                    .logAgain(
                        item(
                            source: "socialMedia", outlet: "Zalo",
                            url:
                                "https://baobackan.org.vn/xa-hoi/nguoi-dan-bang-lang-cho-tien-boi-thuong/?utm_source=zalo&utm_medium=share",
                            published: at(5, "20:15"), title: "Chia sẻ: dân Bằng Lãng chờ tiền bồi thường",
                            summary: "Bài báo được chia sẻ trong các nhóm Zalo của thôn.", topics: ["giải phóng mặt bằng"],
                            units: ["xa-bang-lang"], severity: "high", reach: 3100, hotSpot: true)),
                    .sighting(
                        #"""
                        {"source":"socialMedia","outlet":"Facebook – Cộng đồng Chợ Đồn","url":"https://www.facebook.com/groups/chodon/posts/7781",
                         "publishedAt":"\#(at(5, "21:40"))","title":"Bao giờ dân Bằng Lãng được nhận tiền đền bù đất làm đường?","reach":4800}
                        """#),
                    .assign(
                        .district,
                        #"{"unitId":"xa-bang-lang","dueAt":"\#(at(-2, "17:00"))","note":"Kiểm tra hồ sơ chi trả, báo cáo UBND huyện"}"#),
                    .verify(
                        .communeOfficer,
                        #"""
                        {"outcome":"inaccurate","findings":"Đã chi trả đủ tiền bồi thường cho 23 hộ theo Quyết định 1520/QĐ-UBND; 2 hộ chưa nhận do đang tranh chấp thừa kế.",
                         "evidence":["Quyết định 1520/QĐ-UBND","Bảng kê chi trả bồi thường"]}
                        """#),
                    .respond(
                        .communeOfficer,
                        #"{"kind":"correctionRequest","channel":"Công văn","targetOutlet":"Báo Bắc Kạn","outletPeriodicity":"daily","content":"Đề nghị Báo Bắc Kạn cải chính thông tin các hộ chưa nhận đủ tiền bồi thường."}"#
                    ),
                    .respond(
                        .communeOfficer,
                        #"{"kind":"rebuttal","channel":"Cổng thông tin điện tử huyện Chợ Đồn","content":"Thông tin chính thức về kết quả chi trả bồi thường dự án đường tránh thị trấn Bằng Lũng."}"#
                    ),
                    .correctionPublished(
                        .communeOfficer,
                        #"{"outlet":"Báo Bắc Kạn","url":"https://baobackan.org.vn/cai-chinh/bang-lang","publishedAt":"{now}"}"#),
                    .respond(
                        .communeOfficer,
                        #"{"kind":"citizenInformed","channel":"Đối thoại tại nhà văn hóa thôn","content":"Đã thông báo kết quả kiểm tra cho các hộ dân."}"#
                    ),
                    .resolve(
                        .district, #"{"resolution":"Báo đã cải chính; UBND xã hướng dẫn 2 hộ hoàn thiện hồ sơ thừa kế để nhận tiền."}"#),
                ]),
            Story(
                key: "ntm-cao-thuong", title: Title.ruralRoad,
                log: item(
                    source: "socialMedia", outlet: "Facebook – Hội những người yêu Ba Bể",
                    url: "https://www.facebook.com/groups/yeubabe/posts/30219",
                    published: at(4, "19:05"), title: Title.ruralRoad,
                    summary:
                        "Bài đăng kèm ảnh đoạn đường liên thôn nứt, lún; nhiều bình luận nghi vấn chất lượng công trình nông thôn mới.",
                    topics: ["nông thôn mới"], units: ["xa-cao-thuong"], severity: "medium", reach: 25000, hotSpot: true),
                // Assigned but never answered: its 24-hour first-information clock ran out days ago.
                steps: [
                    .assign(
                        .province,
                        #"{"unitId":"huyen-ba-be","dueAt":"\#(at(-1, "17:00"))","note":"Kiểm tra chất lượng công trình, báo cáo UBND tỉnh"}"#
                    )
                ]),
            Story(
                key: "dvc-y-te", title: Title.healthPortal,
                log: item(
                    source: "electronicNews", outlet: "VnExpress", url: "https://vnexpress.net/cong-dich-vu-cong-nganh-y-te-bac-kan-loi",
                    published: at(3, "08:00"), title: Title.healthPortal,
                    summary: "Người dân phản ánh không nộp được hồ sơ cấp chứng chỉ hành nghề trực tuyến trong nhiều ngày.",
                    topics: ["dịch vụ công"], units: ["so-yte"], severity: "medium", reach: 3000, hotSpot: false),
                steps: [
                    .assign(.province, #"{"unitId":"so-yte","dueAt":"\#(at(-3, "17:00"))"}"#),
                    .verify(
                        .healthOfficer,
                        #"{"outcome":"accurate","findings":"Cổng bị lỗi khi nâng cấp chữ ký số; nhà cung cấp đang khắc phục."}"#),
                    .respond(
                        .healthOfficer,
                        #"{"kind":"informationProvided","channel":"Họp báo thường kỳ","targetOutlet":"VnExpress","content":"Sở Y tế thông tin nguyên nhân lỗi và thời hạn khắc phục."}"#
                    ),
                ]),
            Story(
                key: "ntm-bang-lung", title: Title.bangLung,
                log: item(
                    source: "broadcast", outlet: "Đài Phát thanh và Truyền hình Bắc Kạn",
                    url: "https://bktv.vn/thoi-su/bang-lung-nong-thon-moi-nang-cao",
                    published: at(1, "18:30"), title: Title.bangLung,
                    summary:
                        "Phóng sự ghi nhận kết quả nông thôn mới nâng cao; một số hộ dân phản ánh rác thải chưa được thu gom thường xuyên.",
                    topics: ["nông thôn mới", "môi trường"], units: ["tt-bang-lung"], severity: "low", reach: nil, hotSpot: false),
                steps: []),
            Story(
                key: "mot-cua-cho-don", title: Title.oneStopShop,
                log: item(
                    source: "citizenDialogue", outlet: "Hội nghị đối thoại với nhân dân huyện Chợ Đồn", url: nil, published: at(2, "09:00"),
                    title: Title.oneStopShop,
                    summary: "Nhiều hồ sơ cấp giấy chứng nhận quyền sử dụng đất quá hạn trả kết quả từ 10 đến 20 ngày.",
                    topics: ["dịch vụ công", "đất đai"], units: ["huyen-cho-don"], severity: "medium", reach: nil, hotSpot: false),
                steps: [
                    .assign(.district, #"{"unitId":"vp-huyen-cho-don","dueAt":"\#(at(-5, "17:00"))"}"#),
                    .escalate(
                        .district,
                        #"{"toUnitId":"huyen-cho-don","reason":"Liên quan nhiều phòng chuyên môn; Chủ tịch UBND huyện trực tiếp chỉ đạo."}"#
                    ),
                ]),
            Story(
                key: "duong-tinh-258", title: Title.provincialRoad,
                log: item(
                    source: "press", outlet: "Báo Nhân Dân", url: "https://nhandan.vn/bac-kan-duong-tinh-258-cham-tien-do",
                    published: at(5, "06:00"), title: Title.provincialRoad,
                    summary: "Bài báo nêu dự án chậm gần một năm do người dân không đồng thuận phương án bồi thường.",
                    topics: ["giải phóng mặt bằng"], units: ["so-tnmt"], severity: "high", reach: 40000, hotSpot: false,
                    extra: #","pressRequest":{"kind":"answerRequest","receivedAt":"\#(at(5, "10:00"))"}"#),
                steps: [
                    .assign(.province, #"{"unitId":"so-tnmt","dueAt":"\#(at(-10, "17:00"))"}"#),
                    .verify(
                        .admin,
                        #"{"outcome":"partlyAccurate","findings":"Dự án chậm 4 tháng, chủ yếu do điều chỉnh quy hoạch; đa số hộ dân đã đồng thuận."}"#
                    ),
                    .respond(
                        .admin,
                        #"{"kind":"officialResponse","channel":"Văn bản trả lời","targetOutlet":"Báo Nhân Dân","content":"UBND tỉnh trả lời Báo Nhân Dân về tiến độ dự án đường tỉnh 258."}"#
                    ),
                    .resolve(.province, #"{"resolution":"Đã trả lời báo; giao Sở Tài nguyên và Môi trường đôn đốc tiến độ bồi thường."}"#),
                    .close(.province),
                ]),
            Story(
                key: "khai-sinh-ba-be", title: Title.birthRumour,
                log: item(
                    source: "socialMedia", outlet: "TikTok", url: "https://www.tiktok.com/@tinnong_bk/video/7301",
                    published: at(2, "21:00"), title: Title.birthRumour,
                    summary: "Video nói người dân phải nộp 200.000 đồng mới được đăng ký khai sinh trên Cổng dịch vụ công.",
                    topics: ["dịch vụ công"], units: ["xa-cao-thuong"], severity: "high", reach: 56000, hotSpot: true),
                steps: [
                    .assign(.province, #"{"unitId":"huyen-ba-be","dueAt":"\#(at(-1, "12:00"))"}"#),
                    .verify(
                        .admin,
                        #"{"outcome":"inaccurate","findings":"Đăng ký khai sinh trực tuyến không thu lệ phí; không có khoản thu nào như video nêu."}"#
                    ),
                    .respond(
                        .admin,
                        #"{"kind":"rebuttal","channel":"Trang thông tin điện tử UBND huyện Ba Bể","content":"Đăng ký khai sinh trực tuyến được miễn lệ phí; đề nghị người dân không chia sẻ tin sai."}"#
                    ),
                ]),
            Story(
                key: "khai-sinh-clip", title: Title.birthClip,
                log: item(
                    source: "socialMedia", outlet: "Facebook", url: "https://www.facebook.com/watch/?v=88231",
                    published: at(1, "07:45"), title: Title.birthClip, summary: "Clip cắt từ video TikTok về lệ phí khai sinh.",
                    topics: ["dịch vụ công"], units: ["xa-cao-thuong"], severity: "medium", reach: 9000, hotSpot: false),
                steps: [.mergeInto(title: Title.birthRumour, .province, reason: "Cùng một tin đồn, lan truyền trên nền tảng khác")]),
        ]
    }

    /// A `POST /v1/incidents` body.
    func item(
        source: String, outlet: String, url: String?, published: String, title: String, summary: String, topics: [String],
        units: [String], severity: String, reach: Int?, hotSpot: Bool, extra: String = ""
    ) -> String {
        let link = url.map { #""url":"\#($0)","# } ?? ""
        let spread = reach.map { #""reach":\#($0),"# } ?? ""
        let list = { (values: [String]) in values.map { "\"\($0)\"" }.joined(separator: ",") }
        return #"""
            {"source":"\#(source)","outlet":"\#(outlet)",\#(link)"publishedAt":"\#(published)","title":"\#(title)",
             "summary":"\#(summary)","topics":[\#(list(topics))],"unitIds":[\#(list(units))],"severity":"\#(severity)",\#(spread)
             "hotSpot":\#(hotSpot)\#(extra)}
            """#
    }
}
