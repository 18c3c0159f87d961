/// What share buttons, apps and mobile or AMP pages add to a link, and how each site's variants of one
/// story are brought to one URL (see docs/incidents.md, "Share links"). Pure data and pure rules:
/// nothing is fetched, so a short link that only the site can resolve (`fb.watch/…`, `vm.tiktok.com/…`,
/// `facebook.com/share/…`) is one story per token, not matched to the post it redirects to.
public enum ShareLinkRules {
    /// Query items that only say where a click came from, dropped on every site (besides every name
    /// starting with one of `trackingPrefixes`).
    public static let trackingItems: Set<String> = [
        "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid", "ttclid", "igshid", "igsh",
        "mc_cid", "mc_eid", "_ga", "_gl", "_hsenc", "_hsmi", "mkt_tok", "zarsrc", "gidzl", "mibextid", "rdid", "is_from_webapp",
        "sender_device", "sender_web_id", "share_app_id", "share_item_id", "share_link_id", "social_sharing",
    ]

    /// Prefixes of tracking items' names (`utm_source`, Facebook's `__cft__[0]` and `__tn__`).
    public static let trackingPrefixes = ["utm_", "__cft__", "__xts__", "__tn__"]

    /// The big Vietnamese news sites: each answers on its own host, `www.`, `m.` and `amp.`.
    public static let newsSites = [
        "vnexpress.net", "tuoitre.vn", "thanhnien.vn", "dantri.com.vn", "vietnamnet.vn", "znews.vn", "baomoi.com",
    ]

    /// Old names of news sites, each with the site it became (Zing News became Znews).
    public static let renamedNewsSites = ["zingnews.vn": "znews.vn"]

    /// Query items that identify a Facebook post, photo, video or profile; every other item is dropped.
    public static let facebookItems: Set<String> = [
        "story_fbid", "id", "v", "fbid", "set", "comment_id", "reply_comment_id", "multi_permalinks",
    ]

    /// Query items that identify a YouTube video (`v`, only on `/watch`), playlist or search; every
    /// other item — `si`, `feature`, `pp` and the timestamp `t` — is dropped.
    public static let youTubeItems: Set<String> = ["v", "list", "search_query"]

    /// YouTube paths `/<kind>/<id>` that show the video `/watch?v=<id>`.
    public static let youTubeVideoPaths: Set<String> = ["shorts", "embed", "live", "v"]

    /// Extensions of a news site's article path; an article's query never names the article.
    public static let articleExtensions = [".htm", ".html", ".epi", ".chn"]

    /// How a site's links are treated.
    enum Site: Sendable {
        case facebook, facebookLinkShim, shortLink, tikTok, youTube, youTubeShortLink, news
    }

    /// Every host a rule applies to, with its site and the host its canonical URLs use.
    static let hosts: [String: (site: Site, host: String)] = {
        var table: [String: (site: Site, host: String)] = [:]
        for host in [
            "facebook.com", "www.facebook.com", "m.facebook.com", "mbasic.facebook.com", "web.facebook.com", "touch.facebook.com",
            "mobile.facebook.com", "mtouch.facebook.com", "fb.com", "www.fb.com",
        ] {
            table[host] = (.facebook, "www.facebook.com")
        }
        for host in ["l.facebook.com", "lm.facebook.com"] { table[host] = (.facebookLinkShim, host) }
        for host in ["fb.watch", "fb.me", "vm.tiktok.com", "vt.tiktok.com"] { table[host] = (.shortLink, host) }
        table["www.fb.watch"] = (.shortLink, "fb.watch")
        for host in ["tiktok.com", "www.tiktok.com", "m.tiktok.com"] { table[host] = (.tikTok, "www.tiktok.com") }
        for host in ["youtube.com", "www.youtube.com", "m.youtube.com", "youtube-nocookie.com", "www.youtube-nocookie.com"] {
            table[host] = (.youTube, "www.youtube.com")
        }
        for host in ["youtu.be", "www.youtu.be"] { table[host] = (.youTubeShortLink, "www.youtube.com") }
        let news = newsSites.map { ($0, $0) } + renamedNewsSites.map { ($0.key, $0.value) }
        for (name, site) in news {
            for prefix in ["", "www.", "m.", "amp."] { table[prefix + name] = (.news, site) }
        }
        return table
    }()

    /// Whether an item is tracking noise on every site.
    static func isTracking(_ item: URLParts.QueryItem) -> Bool {
        let key = item.key
        return trackingItems.contains(key) || trackingPrefixes.contains(where: key.hasPrefix)
    }

    /// `parts` in the one form its site gives the story, or the URL a link shim points to.
    static func applied(to parts: URLParts) -> URLParts {
        var parts = parts
        parts.keepQueryItems { !isTracking($0) }
        guard let (site, host) = hosts[parts.host] else { return parts }
        parts.host = host
        parts.port = nil
        parts.scheme = "https"
        switch site {
        case .facebook:
            var segments = parts.segments
            if segments.count >= 4, segments[0] == "groups", segments[2] == "permalink" { segments[2] = "posts" }
            if segments == ["story.php"] { segments = ["permalink.php"] }
            if segments == ["photo"] { segments = ["photo.php"] }
            parts.setSegments(segments)
            parts.keepQueryItems { facebookItems.contains($0.key) }
        case .facebookLinkShim:
            if parts.segments == ["l.php"], let target = parts.query.first(where: { $0.key == "u" })?.value,
                let text = URLParts.percentDecoded(target), let canonical = CanonicalURL(text),
                let inner = URLParts(syntaxChecked: canonical.rawValue)
            {
                return inner
            }
            parts.keepQueryItems { $0.key == "u" }
        case .shortLink, .tikTok:
            parts.query = []
        case .youTube:
            let segments = parts.segments
            if segments.count == 2, youTubeVideoPaths.contains(segments[0]), !segments[1].isEmpty {
                parts.path = "/watch"
                parts.query = [URLParts.QueryItem(name: "v", value: segments[1])]
            } else if segments == ["watch"] {
                parts.keepQueryItems { $0.key == "v" }
            } else {
                parts.keepQueryItems { youTubeItems.contains($0.key) }
            }
        case .youTubeShortLink:
            let segments = parts.segments
            if segments.count == 1, !segments[0].isEmpty {
                parts.path = "/watch"
                parts.query = [URLParts.QueryItem(name: "v", value: segments[0])]
            } else {
                parts.query = []
            }
        case .news:
            var segments = parts.segments
            if segments.first == "amp" { segments.removeFirst() }
            if segments.last == "amp" { segments.removeLast() }
            if var last = segments.last {
                if let range = last.range(of: ".amp.") {
                    last.replaceSubrange(range, with: ".")
                } else if last.hasSuffix(".amp") {
                    last.removeLast(4)
                }
                segments[segments.count - 1] = last
            }
            parts.setSegments(segments)
            if let last = segments.last?.lowercased(), articleExtensions.contains(where: last.hasSuffix) {
                parts.query = []
            } else {
                parts.keepQueryItems { $0.key != "amp" }
            }
        }
        return parts
    }
}
