import Events
import Testing

/// The canonical form sightings are matched on.
@Suite struct CanonicalURLTests {
    @Test(arguments: [
        ("HTTPS://VnExpress.NET/thoi-su/bai-1.html#binh-luan", "https://vnexpress.net/thoi-su/bai-1.html"),
        ("https://vnexpress.net:443/a/", "https://vnexpress.net/a"),
        ("http://example.vn:80/", "http://example.vn"),
        ("http://example.vn:8080/a", "http://example.vn:8080/a"),
        ("https://example.vn/a///", "https://example.vn/a"),
        ("https://example.vn/a?utm_source=fb&utm_Medium=x&fbclid=1&gclid=2", "https://example.vn/a"),
        ("https://example.vn/a?b=2&a=1&utm_campaign=z", "https://example.vn/a?a=1&b=2"),
        ("https://example.vn/a?id=1&id=0", "https://example.vn/a?id=0&id=1"),
        ("https://example.vn/Bai-Viet?ID=1", "https://example.vn/Bai-Viet?ID=1"),
        ("  https://example.vn/x  ", "https://example.vn/x"),
        ("https://example.vn/%C4%91at-dai", "https://example.vn/%C4%91at-dai"),
        ("https://example.vn/đat-dai", "https://example.vn/%C4%91at-dai"),
        ("HTTPS://VNEXPRESS.NET:443/thoi-su/bai-1.html", "https://vnexpress.net/thoi-su/bai-1.html"),
        ("https://xn--bcher-kva.example/a", "https://xn--bcher-kva.example/a"),
        ("https://bücher.example/a", "https://xn--bcher-kva.example/a"),
        ("https://example.vn/a/./b/../c", "https://example.vn/a/c"),
        ("https://example.vn/%7euser/%41", "https://example.vn/~user/A"),
        ("https://example.vn/a%2fb?x=%3d", "https://example.vn/a%2Fb?x=%3D"),
    ])
    func normalises(_ input: String, _ expected: String) {
        #expect(CanonicalURL(input)?.rawValue == expected)
    }

    @Test func twoLinksToTheSameStoryMatch() {
        let a = CanonicalURL("https://Tuoitre.vn/dan-buc-xuc.htm?utm_source=zalo#top")
        let b = CanonicalURL("https://tuoitre.vn:443/dan-buc-xuc.htm/?fbclid=IwAR0")
        #expect(a != nil && a == b)
    }

    @Test(arguments: ["", "vnexpress.net/a", "ftp://example.vn/a", "mailto:a@b.vn", "https://", "https://exa mple.vn/a", "/relative/path"])
    func refuses(_ input: String) {
        #expect(CanonicalURL(input) == nil)
    }
}

/// The URL syntax incidents accept (the same pattern as the OpenAPI document): everything it accepts
/// has a canonical form.
@Suite struct URLSyntaxTests {
    @Test(arguments: [
        "https://vnexpress.net", "http://a.b/", "https://baomoi.vn/a/b-c_d.epi?x=1&y=%C4%91#top",
        "https://EXAMPLE.vn:8080/(x)!$&'*+,;=:@/~?q=a/b?c#f/?", "https://a-b.c/%41%42//", "https://x.y?=v&&", "https://x.y/#",
        "HTTP://a.b", "HtTpS://VNEXPRESS.NET:443/a", "https://a.b/đất", "https://bücher.example/a?q=Đường#phần", "https://例え.テスト/",
    ])
    func acceptsAndCanonicalises(_ text: String) {
        #expect(URLSyntax.matches(text))
        #expect(CanonicalURL(text) != nil)
    }

    @Test(arguments: [
        " https://a.b", "https://a.b ", "https://a.b/ c", "https://a.b/%zz", "https://-a.b", "https://a..b", "https://a.b:0",
        "https://a.b:65536", "https://user@a.b", "https://[::1]/", "https://a.b/\"x\"", "https:/a.b", "https://a.b/\u{00A0}x",
        "https://a.b/x\u{2028}", "https://a.b/\u{0085}", "https://a.b/\u{FEFF}", "https://a.b/\u{3000}", "ftp://a.b",
        "https://bü cher.example", "https://a.b/x\n",
    ])
    func refuses(_ text: String) {
        #expect(!URLSyntax.matches(text))
    }
}
