import Events
import Testing

/// Real share-link variants of one story, each group with the one canonical URL every variant must
/// collapse to (docs/incidents.md, "Share links").
@Suite struct ShareLinkTableTests {
    struct Story: Sendable, CustomTestStringConvertible {
        let canonical: String
        let variants: [String]
        var testDescription: String { canonical }
    }

    static let stories: [Story] = [
        // Facebook: a group post through the app's share sheet, the mobile, basic and web sites, the permalink form.
        Story(
            canonical: "https://www.facebook.com/groups/bk/posts/1234567890",
            variants: [
                "https://www.facebook.com/groups/bk/posts/1234567890/?mibextid=oFDknk",
                "https://m.facebook.com/groups/bk/posts/1234567890/?mibextid=Nif5oz&rdid=AbC123",
                "https://mbasic.facebook.com/groups/bk/permalink/1234567890/?refid=18&__tn__=%2AH-R",
                "https://web.facebook.com/groups/bk/posts/1234567890?_rdc=1&_rdr",
                "https://facebook.com/groups/bk/posts/1234567890/?__cft__%5B0%5D=AZW&__tn__=%2CO%2CP-R",
                "https://www.facebook.com/groups/bk/posts/1234567890/?fbclid=IwAR0xyz&utm_source=zalo#comments",
            ]),
        // Facebook: a page's post through permalink.php and story.php, with tracking of every kind.
        Story(
            canonical: "https://www.facebook.com/permalink.php?id=100064&story_fbid=pfbid02abc",
            variants: [
                "https://www.facebook.com/permalink.php?story_fbid=pfbid02abc&id=100064&mibextid=Nif5oz",
                "https://m.facebook.com/story.php?story_fbid=pfbid02abc&id=100064&_rdr",
                "https://touch.facebook.com/story.php?id=100064&story_fbid=pfbid02abc&sfnsn=mo&paipv=0&eav=AfY",
            ]),
        // Facebook: a video watched on the site, the mobile site and fb.com.
        Story(
            canonical: "https://www.facebook.com/watch?v=987654321",
            variants: [
                "https://www.facebook.com/watch/?v=987654321&mibextid=w8EBqM",
                "https://m.facebook.com/watch/?v=987654321&ref=sharing",
                "https://fb.com/watch?v=987654321",
            ]),
        // Facebook: a share/ link (an opaque token) from the app; only its own variants collapse.
        Story(
            canonical: "https://www.facebook.com/share/p/1AbCdEfGh",
            variants: [
                "https://www.facebook.com/share/p/1AbCdEfGh/?mibextid=WC7FNe", "https://m.facebook.com/share/p/1AbCdEfGh/",
                "https://web.facebook.com/share/p/1AbCdEfGh?_rdc=1&_rdr",
            ]),
        // Facebook: fb.watch short links.
        Story(
            canonical: "https://fb.watch/qX1a2B3c", variants: ["https://fb.watch/qX1a2B3c/?mibextid=Nif5oz", "http://FB.watch/qX1a2B3c"]),
        // Facebook's outbound link shim points at the news article.
        Story(
            canonical: "https://vnexpress.net/dan-buc-xuc-vi-khoi-bui-4712345.html",
            variants: [
                "https://l.facebook.com/l.php?u=https%3A%2F%2Fvnexpress.net%2Fdan-buc-xuc-vi-khoi-bui-4712345.html%3Ffbclid%3DIwAR1&h=AT0abc&__tn__=-UK-R",
                "https://lm.facebook.com/l.php?u=https%3A%2F%2Fm.vnexpress.net%2Fdan-buc-xuc-vi-khoi-bui-4712345.html&h=AT1",
                "HTTPS://VNEXPRESS.NET:443/dan-buc-xuc-vi-khoi-bui-4712345.html",
                "https://vnexpress.net/dan-buc-xuc-vi-khoi-bui-4712345.html?utm_source=zalo&utm_medium=zalo&utm_campaign=zalo&zarsrc=30&gidzl=Xy1",
                "https://amp.vnexpress.net/dan-buc-xuc-vi-khoi-bui-4712345.html",
                "https://vnexpress.net/dan-buc-xuc-vi-khoi-bui-4712345.amp.html",
                "https://vnexpress.net/dan-buc-xuc-vi-khoi-bui-4712345.html?vn_source=home&vn_medium=tin-chinh",
                "http://www.vnexpress.net/dan-buc-xuc-vi-khoi-bui-4712345.html#box_comment_vne",
            ]),
        // Zalo: a link shared in a chat carries zarsrc, gidzl and utm_* (zalo).
        Story(
            canonical: "https://tuoitre.vn/nguoi-dan-phan-anh-duong-ngap-20240105101112345.htm",
            variants: [
                "https://tuoitre.vn/nguoi-dan-phan-anh-duong-ngap-20240105101112345.htm?zarsrc=31&utm_source=zalo&utm_medium=zalo&utm_campaign=zalo",
                "https://tuoitre.vn/nguoi-dan-phan-anh-duong-ngap-20240105101112345.htm?gidzl=abc-XYZ&zarsrc=1303",
                "https://m.tuoitre.vn/nguoi-dan-phan-anh-duong-ngap-20240105101112345.htm",
                "https://tuoitre.vn/amp/nguoi-dan-phan-anh-duong-ngap-20240105101112345.htm",
                "https://amp.tuoitre.vn/nguoi-dan-phan-anh-duong-ngap-20240105101112345.htm?amp",
            ]),
        Story(
            canonical: "https://thanhnien.vn/du-luan-xon-xao-185240105.htm",
            variants: [
                "https://thanhnien.vn/du-luan-xon-xao-185240105.htm?amp=1", "https://thanhnien.vn/du-luan-xon-xao-185240105.htm/amp",
                "https://www.thanhnien.vn/du-luan-xon-xao-185240105.htm?fbclid=IwZX&utm_source=facebook",
                "https://m.thanhnien.vn/du-luan-xon-xao-185240105.htm",
            ]),
        Story(
            canonical: "https://dantri.com.vn/xa-hoi/dan-phan-anh-20240105.htm",
            variants: [
                "https://amp.dantri.com.vn/xa-hoi/dan-phan-anh-20240105.htm", "https://m.dantri.com.vn/xa-hoi/dan-phan-anh-20240105.htm",
                "https://dantri.com.vn/xa-hoi/dan-phan-anh-20240105.htm?gidzl=1&zarsrc=30",
                "https://dantri.com.vn/xa-hoi/dan-phan-anh-20240105.amp.htm",
            ]),
        Story(
            canonical: "https://vietnamnet.vn/dan-buc-xuc-2236123.html",
            variants: [
                "https://vietnamnet.vn/amp/dan-buc-xuc-2236123.html", "https://amp.vietnamnet.vn/dan-buc-xuc-2236123.html",
                "https://vietnamnet.vn/dan-buc-xuc-2236123.html?utm_source=dable", "https://vietnamnet.vn/dan-buc-xuc-2236123.html.amp",
            ]),
        // Zing News became Znews: the old host and its AMP and mobile hosts are the same site.
        Story(
            canonical: "https://znews.vn/dan-phan-doi-post1450000.html",
            variants: [
                "https://zingnews.vn/dan-phan-doi-post1450000.html", "https://amp.zingnews.vn/dan-phan-doi-post1450000.html",
                "https://znews.vn/dan-phan-doi-post1450000.html?utm_source=zalo&zarsrc=10",
                "https://m.znews.vn/dan-phan-doi-post1450000.html",
            ]),
        Story(
            canonical: "https://baomoi.com/dan-buc-xuc/c/48123456.epi",
            variants: [
                "https://baomoi.com/dan-buc-xuc/c/48123456.epi?utm_source=zalo", "https://m.baomoi.com/dan-buc-xuc/c/48123456.epi",
                "https://amp.baomoi.com/dan-buc-xuc/c/48123456.epi?amp", "https://www.baomoi.com/dan-buc-xuc/c/48123456.epi/",
            ]),
        // TikTok: the app's share link, the web app's copy link and the mobile site.
        Story(
            canonical: "https://www.tiktok.com/@baothanhnien/video/7321234567890123456",
            variants: [
                "https://www.tiktok.com/@baothanhnien/video/7321234567890123456?is_from_webapp=1&sender_device=pc&web_id=7300000000000000001",
                "https://www.tiktok.com/@baothanhnien/video/7321234567890123456?_r=1&_t=8iXyZabc123",
                "https://m.tiktok.com/@baothanhnien/video/7321234567890123456?lang=vi&q=ngap&t=1704412800",
                "https://tiktok.com/@baothanhnien/video/7321234567890123456?is_from_webapp&sender_device",
            ]),
        // TikTok short links are opaque tokens; vm. and vt. are different tokens.
        Story(
            canonical: "https://vm.tiktok.com/ZSNfAbC12",
            variants: ["https://vm.tiktok.com/ZSNfAbC12/", "https://VM.tiktok.com/ZSNfAbC12/?_r=1&_t=8i"]),
        Story(canonical: "https://vt.tiktok.com/ZSjKl9x", variants: ["https://vt.tiktok.com/ZSjKl9x/?is_from_webapp=1&sender_device=pc"]),
        // YouTube: youtu.be with si=, m.youtube, shorts, embed, live; feature=, a playlist, a timestamp (dropped).
        Story(
            canonical: "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            variants: [
                "https://youtu.be/dQw4w9WgXcQ?si=AbCdEfGhIjK", "https://youtu.be/dQw4w9WgXcQ?t=42",
                "https://m.youtube.com/watch?v=dQw4w9WgXcQ&feature=share",
                "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=1m30s&list=PL123&index=4",
                "https://youtube.com/shorts/dQw4w9WgXcQ?feature=share", "https://www.youtube.com/shorts/dQw4w9WgXcQ?si=xyz",
                "https://www.youtube.com/embed/dQw4w9WgXcQ?start=30", "https://www.youtube.com/live/dQw4w9WgXcQ?si=q1",
                "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
            ]),
        Story(
            canonical: "https://www.youtube.com/playlist?list=PL123",
            variants: ["https://m.youtube.com/playlist?list=PL123&si=abc&feature=shared"]),
        // Generic: case, ports, escapes, raw Vietnamese characters, dot segments, IDNA hosts.
        Story(
            canonical: "https://baochinhphu.vn/%C4%91%E1%BA%A5t-%C4%91ai-102240105.htm",
            variants: [
                "https://baochinhphu.vn/đất-đai-102240105.htm", "HTTPS://BaoChinhPhu.VN:443/%c4%91%e1%ba%a5t-%c4%91ai-102240105.htm",
                "https://baochinhphu.vn/tin/../đất-đai-102240105.htm",
                "https://baochinhphu.vn/./%C4%91%E1%BA%A5t-%C4%91ai-102240105.htm?utm_campaign=x",
                // The same letters decomposed (NFD): composed before they are encoded.
                "https://baochinhphu.vn/\u{0111}a\u{0302}\u{0301}t-\u{0111}ai-102240105.htm",
            ]),
        Story(
            canonical: "https://xn--bcher-kva.example/a",
            variants: [
                "https://xn--bcher-kva.example/a", "https://bücher.example/a", "https://BÜCHER.example:443/a/",
                "https://XN--BCHER-KVA.example/a",
            ]),
        Story(
            canonical: "https://xn--vit-nam-zv4c.example/Ab~?x=%2F",
            variants: ["https://việt-nam.example/%41b~?x=%2f", "https://Việt-Nam.example/Ab%7E?x=%2F"]),
        Story(
            canonical: "https://example.vn/a?id=%C4%91&q=%C4%90%C6%B0%E1%BB%9Dng",
            variants: ["https://example.vn/a?q=Đường&id=đ", "https://example.vn/a?id=%c4%91&q=%C4%90%C6%B0%E1%BB%9Dng&fbclid=1"]),
    ]

    @Test(arguments: stories)
    func everyVariantCollapsesToTheCanonicalURL(_ story: Story) {
        for variant in story.variants {
            #expect(CanonicalURL(variant)?.rawValue == story.canonical, "\(variant)")
        }
        #expect(CanonicalURL(story.canonical)?.rawValue == story.canonical, "a canonical URL is its own canonical form")
    }

    @Test func differentStoriesStayApart() {
        let canonicals = Self.stories.map(\.canonical)
        #expect(Set(canonicals).count == canonicals.count)
        #expect(
            CanonicalURL("https://www.facebook.com/groups/bk/posts/1")?.rawValue
                != CanonicalURL("https://www.facebook.com/groups/bk/posts/2")?.rawValue)
        #expect(CanonicalURL("https://youtu.be/aaaaaaaaaaa") != CanonicalURL("https://youtu.be/bbbbbbbbbbb"))
        #expect(CanonicalURL("https://e.vnexpress.net/news/a-4712345.html") != CanonicalURL("https://vnexpress.net/news/a-4712345.html"))
        #expect(CanonicalURL("https://example.vn/a?amp_id=1")?.rawValue == "https://example.vn/a?amp_id=1")
    }
}
