"""The bad-input corpus (issue 11): what the hostile web sends a news crawler, one kind at a time,
with the outcome each kind must end in, as a document root for the demo server.

Every kind is served on 127.0.0.1 and crawled (tests/test_bad_corpus.py), and its body is also
handed to ``cleaners.clean`` directly. A kind ends in exactly one way, written in its row:

- crawl: ``stored``, ``dropped: <reason>`` (a counted drop), ``request failed`` (no response after
  the retries: ``download_error``), or for a feed or sitemap ``read`` / ``refused: <reason>`` and
  what became of the article it lists; for a link, ``not followed`` or ``stored``;
- clean: ``article`` or ``not_article: <reason>``.

Bodies are generated here, the large ones too (a 5 MB paragraph, a gzip bomb, 100,000 sitemap
URLs), so nothing big is kept in the repository. Article pages are written in distinct words per
kind: two kinds with one text would be dropped as copies of each other.
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass, field
from html import escape
from typing import TYPE_CHECKING, Any

from hostile_pages import nested_divs, one_huge_paragraph

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["KINDS", "NOW", "Kind", "article_path", "write_site"]

#: the crawl's "now" (NEWSSCRAPER_NOW): the corpus's sitemaps are dated the day before
NOW = "2024-05-02T12:00:00Z"
FRESH = "2024-05-01T08:00:00Z"
OLD = "2020-01-01"
#: what a server that stalls waits, against the crawl's DOWNLOAD_TIMEOUT (test_bad_corpus.py)
STALL_SECONDS = 12


def article_path(kind: str, page: str = "story.html") -> str:
    """Where a kind's article lives: a dated path, so every link to it reads as an article."""
    return f"/2024/05/01/{kind}/{page}"


@dataclass(frozen=True)
class Kind:
    """One kind of bad input: what is served, where it is linked from, and how it must end."""

    name: str
    #: body, http, xml (a feed or sitemap of the sites file) or link (a link on the index page)
    group: str
    #: how the crawl must end for it, and how ``cleaners.clean`` must end on ``clean_input``
    crawl: str
    clean: str
    #: the bytes served at the kind's main path (its article, feed or sitemap)
    body: bytes = b""
    content_type: str | None = "text/html"
    #: the _routes.json entry of the main path (status, headers, delay, reset_after)
    route: dict[str, Any] = field(default_factory=dict)
    #: other paths of the kind: {path: bytes} served, {path: route} answered
    files: dict[str, bytes] = field(default_factory=dict)
    routes: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: feeds and sitemaps: "feed" or "sitemap"; links: the href put on the index page
    listing: str = ""
    hrefs: tuple[str, ...] = ()
    #: text a stored article must contain (decoded right); how often the main path is requested, where
    #: that is the point (retries, redirects; a large body on a busy machine may time out once)
    contains: str = ""
    requests: int | None = None
    #: what clean() gets, when not ``body``
    clean_input: bytes | None = None

    @property
    def path(self) -> str:
        """The path the kind is reached at: a listing's own, else its article's."""
        return f"/listings/{self.name}.xml" if self.group == "xml" else article_path(self.name)

    @property
    def cleaned(self) -> bytes:
        return self.body if self.clean_input is None else self.clean_input


# --- article pages ----------------------------------------------------------------------------

def sentences(topic: str) -> list[str]:
    """Four sentences about ``topic``, distinct for each topic."""
    return [
        f"The {topic} was the talk of the town on Monday, as crowds gathered near the old harbour to watch.",
        f"Officials said the {topic} would be reviewed by an independent panel before the end of the month.",
        f"Residents interviewed about the {topic} were divided, and several asked for a public meeting soon.",
        f"The council will publish its own report on the {topic} next week, a spokesman for the mayor said.",
    ]


def page(title: str, paragraphs: list[str], *, head: str = '<meta charset="utf-8">', lang: str = "en",
         attrs: str = "") -> str:
    """A plain article page: head, menu, headline, the paragraphs, footer."""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f'<!DOCTYPE html><html lang="{lang}"{attrs}><head>{head}<title>{escape(title)} | The Daily</title>'
            '</head><body><nav><a href="/">Home</a> <a href="/world/">World</a></nav>'
            f"<article><h1>{escape(title)}</h1>{body}</article><footer>© The Daily</footer></body></html>")


def story(kind: str) -> str:
    """The English article of a kind, its words its own (the kind's name is in every sentence)."""
    topic = kind.replace("_", " ")
    return page(f"News about the {topic}", [escape(s) for s in sentences(topic)])


def story_bytes(kind: str) -> bytes:
    return story(kind).encode()


RUSSIAN = [
    "Городской совет в понедельник одобрил строительство нового моста через реку после долгих обсуждений.",
    "Жители района заявили журналистам, что ждали этого решения почти десять лет и надеются на быстрые работы.",
    "По словам мэра, подготовительные работы начнутся весной, а открыть движение планируют через два года.",
    "Оппозиция потребовала опубликовать полную смету проекта и провести независимую экспертизу до подписания.",
]
JAPANESE = [
    "市議会は月曜日、長い議論の末に川に架かる新しい橋の建設計画を賛成多数で承認しました。地元の住民は十年近くこの決定を待っていたと話しています。",
    "市長によると、準備工事は来年の春に始まり、二年後には車の通行を開始する予定です。総事業費はおよそ八十億円と見込まれています。",
    "一方で野党は、契約を結ぶ前に詳しい見積もりを公開し、第三者による検証を行うよう強く求めました。議会では今後も議論が続く見通しです。",
    "橋の完成によって、通勤にかかる時間は平均で十五分ほど短くなると市は説明しています。周辺の商店街からも期待の声が上がっています。",
    "専門家は、川の流れや地盤の調査を丁寧に行うことが安全な工事のために欠かせないと指摘しています。市は調査結果を秋までに公表する方針です。",
]
CHINESE = [
    "市议会周一经过长时间的辩论，以多数票批准了在河上修建一座新桥的计划。当地居民表示，他们等待这个决定已经将近十年。",
    "据市长介绍，准备工作将于明年春天开始，预计两年后正式通车。整个项目的总投资约为五亿元人民币。",
    "反对派则要求在签订合同之前公开详细预算，并由独立的第三方机构进行评估。议会内部的争论预计还将继续。",
    "市政府表示，新桥建成后，市民的平均通勤时间将缩短约十五分钟。附近的商户也对这一计划表示欢迎。",
    "专家指出，认真调查河流和地基情况是确保施工安全的关键。市政府计划在秋季之前公布调查结果。",
    "一些环保组织担心施工会影响河里的鱼类和鸟类，呼吁市政府制定严格的环境保护措施，并定期向公众通报进展。",
    "市议会将在下个月举行公开听证会，邀请居民、专家和企业代表就桥梁的设计方案发表意见。",
]
FRENCH = [
    "Le conseil municipal a approuvé lundi la construction du nouveau pont après un débat très animé.",
    "Les habitants du quartier ont répondu qu'ils attendaient cette décision depuis près de dix ans déjà.",
    "Selon le maire, les travaux préparatoires commenceront au printemps et la circulation dans deux ans.",
    "L'opposition a réclamé la publication du devis complet et une expertise indépendante avant la signature.",
]
MIXED = [
    "The bridge vote drew residents who speak many languages, and the council printed its notice in all of them.",
    "وافق المجلس البلدي يوم الاثنين على بناء الجسر الجديد فوق النهر بعد نقاش طويل بين الأعضاء والسكان.",
    "מועצת העיר אישרה ביום שני את בניית הגשר החדש מעל הנהר לאחר דיון ארוך עם התושבים והמומחים.",
    "Το δημοτικό συμβούλιο ενέκρινε τη Δευτέρα την κατασκευή της νέας γέφυρας μετά από μακρά συζήτηση.",
    "Городской совет одобрил мост, and the mayor said \u202bالجسر\u202c would open in two years, 二年後.",
]


def declared(charset: str) -> str:
    return f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">'


def encoded(title: str, paragraphs: list[str], charset: str, lang: str, *, declare: bool) -> bytes:
    head = declared(charset) if declare else ""
    return page(title, paragraphs, head=head, lang=lang).encode(charset, errors="xmlcharrefreplace")


#: (kind name, charset, language, paragraphs, a title for each page, characters of a paragraph to look for)
CHARSETS = (
    ("windows_1251", "windows-1251", "ru", RUSSIAN, ("Совет одобрил мост", "Совет одобрил новый мост"), 40),
    ("shift_jis", "shift_jis", "ja", JAPANESE, ("市議会が新しい橋を承認", "市議会が橋の計画を承認"), 20),
    ("gb18030", "gb18030", "zh", CHINESE, ("市议会批准新桥计划", "市议会批准修建新桥"), 20),
)


def declared_and_not(name: str, charset: str, lang: str, paragraphs: list[str], titles: tuple[str, str],
                     size: int) -> list[Kind]:
    """A page in ``charset`` that declares it, and one in the same words in another order that doesn't
    (detection must find it): both stored, their text decoded right."""
    other = paragraphs[1:] + paragraphs[:1]
    return [Kind(f"{name}_declared", "body", "stored", "article",
                 encoded(titles[0], paragraphs, charset, lang, declare=True), contains=paragraphs[1][:size]),
            Kind(f"{name}_undeclared", "body", "stored", "article",
                 encoded(titles[1], other, charset, lang, declare=False), contains=other[1][:size])]


def with_bytes(kind: str, *inserts: bytes) -> bytes:
    """The kind's article with raw bytes put into its second and third paragraphs."""
    first, second, third, fourth = (escape(s).encode() for s in sentences(kind.replace("_", " ")))
    half = len(second) // 2
    paragraphs = [first, second[:half] + b"".join(inserts) + second[half:], third + b"".join(inserts), fourth]
    html = story(kind).encode()
    start, end = html.index(b"<p>"), html.index(b"</article>")
    return html[:start] + b"".join(b"<p>" + p + b"</p>" for p in paragraphs) + html[end:]


def padded(kind: str, size: int) -> bytes:
    """The kind's article followed by ``size`` bytes of markup a browser would not show."""
    html = story_bytes(kind)
    filler = b"<!-- " + b"x" * (size - len(html)) + b" -->"
    return html.replace(b"</body>", filler + b"</body>")


def status_page(status: int, phrase: str) -> bytes:
    """What the demo server sends with an error status."""
    return f"<!doctype html><title>{status} {phrase}</title><h1>{status} {phrase}</h1>\n".encode()


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89" \
      b"\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84\x00\x00\x00\x00IEND\xaeB`\x82"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n" + bytes(range(256)) * 4 + b"\n%%EOF\n"
SVG = (b'<?xml version="1.0" encoding="UTF-8"?><svg xmlns="http://www.w3.org/2000/svg" width="200" height="80">'
       b'<title>Bridge chart</title><rect width="200" height="80" fill="#eee"/>'
       b'<text x="10" y="40">Votes for the new bridge: 31 against 12, the council said on Monday.</text></svg>')
FRAMESET = (b'<!DOCTYPE html PUBLIC "-//W3C//DTD HTML 4.01 Frameset//EN"><html><head><title>The Daily</title></head>'
            b'<frameset cols="20%,80%"><frame src="/menu.html"><frame src="/2024/05/01/frame/main.html">'
            b"<noframes><p>Your browser does not support frames.</p></noframes></frameset></html>")


def bodies() -> list[Kind]:
    """Bodies a server may send for an article URL."""
    # no end tag but the title's (an unclosed <title> swallows the page, in browsers too), as
    # hand-written and generated pages leave them: the parser must close each
    unclosed = ("<html><head><title>Unclosed everything story | The Daily</title><body><div class=story><h1>Unclosed"
                " everything story" + "".join(f"<p>{escape(s)} <b>bold <i>and italic"
                                              for s in sentences("unclosed everything story")))
    truncated = story("truncated mid tag story")
    truncated = truncated[:truncated.index("</article>")] + '<p class="next" data-track="'
    return [
        Kind("empty", "body", "dropped: empty", "not_article: empty", b""),
        Kind("whitespace", "body", "dropped: empty", "not_article: empty", b" \r\n\t  \n"),
        Kind("png", "body", "dropped: not_html", "not_article: not_html", PNG, "image/png"),
        Kind("pdf", "body", "dropped: not_html", "not_article: not_html", PDF, "application/pdf"),
        Kind("json", "body", "dropped: not_html", "not_article: not_html",
             json.dumps({"title": "Bridge vote", "items": list(range(50))}).encode(), "application/json"),
        Kind("plain_text", "body", "dropped: not_html", "article",
             "\n\n".join(sentences("plain text story")).encode(), "text/plain"),
        Kind("svg", "body", "dropped: not_html", "not_article: not_html", SVG, "image/svg+xml"),
        Kind("frameset", "body", "dropped: no_body", "not_article: no_body", FRAMESET),
        Kind("truncated_mid_tag", "body", "stored", "article", truncated.encode()),
        Kind("unclosed_everything", "body", "stored", "article", unclosed.encode()),
        # libxml2 reads 2,047 levels deep at most (lxml's huge_tree): the text below is lost
        Kind("nested_divs_10000", "body", "dropped: no_body", "not_article: no_body", nested_divs(10_000).encode()),
        Kind("paragraph_5mb", "body", "stored", "article", one_huge_paragraph(5_000_000).encode()),
        Kind("nul_bytes", "body", "stored", "article", with_bytes("nul bytes story", b"\x00", b"\x00\x00")),
        Kind("control_characters", "body", "stored", "article",
             with_bytes("control characters story", b"\x01\x02\x07\x08", b"\x0b\x0c\x0e\x1b\x7f")),
        Kind("lone_surrogates", "body", "stored", "article",
             with_bytes("lone surrogates story", b"\xed\xa0\x80", b"\xed\xbf\xbf")),
        Kind("invalid_utf8", "body", "stored", "article",
             with_bytes("invalid utf8 story", b"\xc3\x28", b"\xa0\xa1 r\xc3\xa9pondu \xff")),
        *(kind for charset in CHARSETS for kind in declared_and_not(*charset)),
        # UTF-8 bytes under a windows-1252 declaration: read as declared, every accent would be mojibake
        Kind("wrong_declared_charset", "body", "stored", "article",
             page("Le conseil approuve le pont", FRENCH, head=declared("windows-1252"), lang="fr").encode(),
             contains="ont répondu qu'ils attendaient"),
        # UTF-8 served as ISO-8859-1 by the server's header, a common default
        Kind("wrong_http_charset", "body", "stored", "article",
             page("Le conseil vote le budget", FRENCH[1:] + FRENCH[:1], head="", lang="fr").encode(),
             "text/html; charset=iso-8859-1", contains="ont répondu qu'ils attendaient"),
        Kind("utf16_with_bom", "body", "stored", "article",
             page("The bridge vote in UTF-16", [escape(s) for s in sentences("utf16 with bom story")],
                  head="").encode("utf-16"), contains="utf16 with bom story"),
        Kind("utf16_without_bom", "body", "stored", "article",
             page("The bridge vote in UTF-16 LE", [escape(s) for s in sentences("utf16 without bom story")],
                  head="").encode("utf-16-le"), contains="utf16 without bom story"),
        Kind("mixed_scripts_rtl", "body", "stored", "article",
             page("Many languages, one bridge", MIXED, attrs=' dir="rtl"').encode(), contains=MIXED[1][:30]),
    ]


def chain(kind: str, hops: int, status: int, *, back_to_start: bool = False) -> dict[str, dict[str, Any]]:
    """Routes of a redirect chain from the kind's article path through ``hops`` hops; the last hop
    leads to the article (``story.html`` is served at ``final.html``) or back to the start."""
    paths = [article_path(kind)] + [article_path(kind, f"hop-{n}.html") for n in range(1, hops)]
    last = article_path(kind) if back_to_start else article_path(kind, "final.html")
    return {path: {"status": status, "headers": {"Location": target}}
            for path, target in zip(paths, [*paths[1:], last], strict=True)}


def http_answers() -> list[Kind]:
    """HTTP answers to an article request: statuses, redirects, stalls, resets, lies."""
    within = chain("redirect_chain_within_cap", 3, 302)
    return [
        Kind("redirect_chain_over_cap", "http", "dropped: too_many_redirects", "not_article: no_body",
             status_page(301, "Moved Permanently"), routes=chain("redirect_chain_over_cap", 12, 301), requests=1),
        Kind("redirect_chain_within_cap", "http", "stored", "article", story_bytes("redirect chain within cap"),
             routes=within, requests=1, files={article_path("redirect_chain_within_cap", "final.html"):
                                   story_bytes("redirect chain within cap")}),
        Kind("redirect_loop", "http", "dropped: redirect_loop", "not_article: no_body",
             status_page(302, "Found"), routes=chain("redirect_loop", 2, 302, back_to_start=True), requests=1),
        # robots.txt forbids it; its broken Sitemap: line must cost nothing else
        Kind("robots_txt_disallowed", "http", "dropped: robots_txt", "article", story_bytes("robots txt disallowed"),
             files={"/robots.txt": b"User-agent: *\nDisallow: /2024/05/01/robots_txt_disallowed/\n"
                                   b"Sitemap: http://[oops/sitemap.xml\n"}, requests=0),
        Kind("http_404", "http", "dropped: http_404", "not_article: no_body", status_page(404, "Not Found"),
             route={"status": 404}),
        Kind("http_410", "http", "dropped: http_410", "not_article: no_body", status_page(410, "Gone"),
             route={"status": 410}),
        Kind("http_500", "http", "dropped: http_500", "not_article: no_body",
             status_page(500, "Internal Server Error"), route={"status": 500}, requests=3),
        Kind("http_503", "http", "dropped: http_503", "not_article: no_body",
             status_page(503, "Service Unavailable"), route={"status": 503}, requests=3),
        Kind("http_429_retry_after", "http", "stored", "article", story_bytes("http 429 retry after story"),
             route={"status": 429, "times": 1, "headers": {"Retry-After": "1"}}, requests=2),
        Kind("stalled_response", "http", "request failed", "article", story_bytes("stalled response story"),
             route={"delay": STALL_SECONDS}, requests=3),
        Kind("connection_reset", "http", "request failed", "article", story_bytes("connection reset story"),
             route={"reset_after": 300}, requests=3),
        Kind("content_length_too_long", "http", "request failed", "article",
             story_bytes("content length too long story"),
             route={"headers": {"Content-Length": str(len(story_bytes("content length too long story")) + 5000)}},
             requests=3),
        Kind("content_length_too_short", "http", "dropped: too_short", "article",
             story_bytes("content length too short story"), route={"headers": {"Content-Length": "400"}}),
        Kind("html_as_octet_stream", "http", "dropped: not_html", "article",
             story_bytes("html as octet stream story"), "application/octet-stream"),
        Kind("pdf_as_text_html", "http", "dropped: not_html", "not_article: not_html", PDF),
        Kind("gzip_bomb", "http", "dropped: too_large", "not_article: not_html",
             gzip.compress(b"<html><body><p>" + b"news " * (3 * 1024 * 1024) + b"</p></body></html>"),
             route={"headers": {"Content-Encoding": "gzip"}}),
        Kind("over_download_maxsize", "http", "request failed", "article", padded("over download maxsize", 11_000_000)),
        Kind("over_max_page_bytes", "http", "dropped: too_large", "article", padded("over max page bytes", 6_000_000)),
    ]


def rss(items: str, *, doctype: str = "") -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8"?>{doctype}<rss version="2.0"><channel><title>The Daily</title>'
            f"<link>/</link>{items}</channel></rss>").encode()


def rss_item(kind: str, *, title: str = "", date: str = "Wed, 01 May 2024 08:00:00 GMT") -> str:
    return (f"<item><title>{title or kind}</title><link>{article_path(kind)}</link>"
            f"<pubDate>{date}</pubDate></item>")


def urlset(entries: str, *, doctype: str = "") -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8"?>{doctype}<urlset '
            'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">' + entries + "</urlset>").encode()


def url_entry(loc: str, lastmod: str = FRESH) -> str:
    return f"<url><loc>{loc}</loc><lastmod>{lastmod}</lastmod></url>"


XXE = '<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
LAUGHS = ('<!DOCTYPE r [<!ENTITY lol "lol">' + "".join(
    f'<!ENTITY lol{n} "{("&lol" + str(n - 1) + ";") * 10 if n > 1 else "&lol;" * 10}">' for n in range(1, 10)) + "]>")


def xml_listings() -> list[Kind]:
    """Feeds and sitemaps of the sites file; each lists its own article, so how it ended shows."""
    kinds = []

    def listing(name: str, kind: str, crawl: str, body: bytes, **more: Any) -> None:
        files = more.pop("files", {})
        if more.pop("article", True):
            files[article_path(name)] = story_bytes(name)
        kinds.append(Kind(name, "xml", crawl, more.pop("clean", "not_article: not_html"), body,
                          "application/xml", listing=kind, files=files, **more))

    listing("feed_xxe", "feed", "refused: entities, article not requested",
            rss(rss_item("feed_xxe", title="&xxe;"), doctype=XXE))
    listing("feed_entity_expansion", "feed", "refused: entities, article not requested",
            rss(rss_item("feed_entity_expansion", title="&lol9;"), doctype=LAUGHS))
    listing("sitemap_xxe", "sitemap", "refused: entities, article not requested",
            urlset(url_entry(article_path("sitemap_xxe") + "?x=&xxe;"), doctype=XXE))
    listing("sitemap_entity_expansion", "sitemap", "refused: entities, article not requested",
            urlset(url_entry(article_path("sitemap_entity_expansion") + "?x=&lol9;"), doctype=LAUGHS))
    index = ('<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
             f"<sitemap><loc>/listings/sitemap_index_to_itself.xml</loc><lastmod>{FRESH}</lastmod></sitemap>"
             "<sitemap><loc>/listings/sitemap_index_to_itself-child.xml</loc></sitemap></sitemapindex>").encode()
    listing("sitemap_index_to_itself", "sitemap", "read, article stored", index,
            files={"/listings/sitemap_index_to_itself-child.xml": urlset(url_entry(article_path(
                "sitemap_index_to_itself"))), article_path("sitemap_index_to_itself"):
                story_bytes("sitemap_index_to_itself")}, article=False)
    listing("sitemap_100k_urls", "sitemap", "read, article stored",
            urlset("".join(url_entry(f"http://127.0.0.1/old/{n}", OLD) for n in range(99_999))
                   + url_entry(article_path("sitemap_100k_urls"))))
    listing("sitemap_malformed_dates", "sitemap", "read, article stored",
            urlset("".join(url_entry(article_path("sitemap_malformed_dates", f"{n}.html"), date) for n, date in
                           enumerate(("yesterday", "2024-13-45", "", "0000-00-00T99:99", "\u2603")))
                   + url_entry(article_path("sitemap_malformed_dates"))))
    listing("feed_malformed_dates", "feed", "read, article stored",
            rss(rss_item("feed_malformed_dates", date="the day before yesterday")))
    feed = rss(rss_item("feed_truncated") + rss_item("other"))
    listing("feed_truncated", "feed", "read, article stored", feed[:feed.rindex(b"<item>") + 30])
    sitemap = urlset(url_entry(article_path("sitemap_truncated")) + url_entry(article_path("other")))
    listing("sitemap_truncated", "sitemap", "refused: truncated, article stored",
            sitemap[:sitemap.rindex(b"<url>") + 20])
    return kinds


def link_page(kind: str, href: str) -> bytes:
    """An article whose paragraphs link with ``href``: what clean() gets for a link kind."""
    paragraphs = [f'{escape(s)} <a href="{escape(href)}">Read more</a>' for s in sentences(kind.replace("_", " "))]
    return page(f"Links in the {kind}", paragraphs).encode()


LONG_PATH = article_path("link_long_path", "/".join(["segment-of-a-very-long-path-" + "x" * 170] * 15) + ".html")


def links() -> list[Kind]:
    """Links on the index page."""
    tracked = article_path("link_tracking_parameters")
    return [
        Kind("link_javascript", "link", "not followed", "article", hrefs=("javascript:alert(document.cookie)",),
             clean_input=link_page("link_javascript", "javascript:alert(1)")),
        Kind("link_mailto", "link", "not followed", "article", hrefs=("mailto:desk@daily.example?subject=tip",),
             clean_input=link_page("link_mailto", "mailto:desk@daily.example")),
        Kind("link_data", "link", "not followed", "article",
             hrefs=("data:text/html;base64,PHA+aGk8L3A+",), clean_input=link_page("link_data", "data:,x")),
        Kind("link_offsite", "link", "not followed", "article",
             hrefs=("http://127.0.0.2:9/2024/05/01/link_offsite/story.html",),
             clean_input=link_page("link_offsite", "http://elsewhere.example/2024/05/01/story.html")),
        # longer than Scrapy's URLLENGTH_LIMIT (2,083): counted as urllength/request_ignored_count
        Kind("link_long_path", "link", "not followed", "article", hrefs=(LONG_PATH,),
             files={LONG_PATH: story_bytes("link_long_path")}, clean_input=story_bytes("link_long_path")),
        Kind("link_tracking_parameters", "link", "stored", "article", hrefs=(
            tracked, f"{tracked}?utm_source=newsletter&utm_medium=email", f"{tracked}?fbclid=IwAR0abc",
            f"{tracked}?gclid=Cj0KCQ&utm_campaign=spring", f"{tracked}#comments"),
             files={tracked: story_bytes("link_tracking_parameters")},
             clean_input=story_bytes("link_tracking_parameters")),
    ]


KINDS: tuple[Kind, ...] = (*bodies(), *http_answers(), *xml_listings(), *links())


def write_site(root: Path) -> None:
    """The corpus as a demo-server document root (``root/edition1``): the index page linking every
    article and link kind, the bodies, and ``_routes.json``."""
    edition = root / "edition1"
    files: dict[str, bytes] = {}
    routes: dict[str, dict[str, Any]] = {}
    hrefs: list[str] = []
    for kind in KINDS:
        if kind.group in ("body", "http"):
            hrefs.append(kind.path)
            route = {**kind.route, **({"content_type": kind.content_type} if kind.content_type else {})}
            routes[kind.path] = route
            if not kind.routes.get(kind.path):
                files[kind.path] = kind.body
        elif kind.group == "xml":
            files[kind.path] = kind.body
        hrefs += kind.hrefs
        files.update(kind.files)
        routes.update({path: {**routes.get(path, {}), **r} for path, r in kind.routes.items()})
    index = "".join(f'<li><a href="{escape(h)}">story {n}</a></li>' for n, h in enumerate(hrefs))
    files["/index.html"] = f"<html><head><title>The Daily</title></head><body><ul>{index}</ul></body></html>".encode()
    for path, body in files.items():
        target = edition / path.lstrip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(body)
    (edition / "_routes.json").write_text(json.dumps(routes), encoding="utf-8")


def sites_file(root: Path, url: str) -> Path:
    """A sites file for the corpus served at ``url``: the index, every feed and sitemap kind."""
    feeds = [url.rstrip("/") + k.path for k in KINDS if k.listing == "feed"]
    sitemaps = [url.rstrip("/") + k.path for k in KINDS if k.listing == "sitemap"]
    path = root / "sites.toml"
    path.write_text(f'[[site]]\nname = "corpus"\nstart_urls = ["{url}"]\nfeed_urls = {json.dumps(feeds)}\n'
                    f"sitemap_urls = {json.dumps(sitemaps)}\n", encoding="utf-8")
    return path
