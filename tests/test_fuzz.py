"""Property-based tests (hypothesis) of what reads untrusted input: the cleaner on generated HTML,
the URL canonicaliser and classifier, the sites-file loader, and the feed and sitemap parsers on
any bytes. Each gives a result or its documented error, never anything else.

The example counts are modest so that ``make test`` stays quick; ``make fuzz`` runs the same
properties for a few minutes (``NEWSSCRAPER_FUZZ_EXAMPLES`` examples each).
"""

from __future__ import annotations

import gzip
import math
import os
import random
import re
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml.html import HTMLParser, document_fromstring
from test_cleaner_growth import MAX_CALLS_GROWTH, calls

from cleaners import Article, NotAnArticle, clean
from newsscraper.discovery.feeds import FeedEntry, parse_feed
from newsscraper.discovery.links import LinkKind, canonical_url, classify
from newsscraper.discovery.safexml import RejectedXML
from newsscraper.discovery.sitemaps import SitemapEntry, parse_sitemap, robots_sitemap_urls
from newsscraper.discovery.sites import Site, SitesFileError, load_sites

#: examples per property: modest in ``make test``, raised by ``make fuzz``
EXAMPLES = int(os.environ.get("NEWSSCRAPER_FUZZ_EXAMPLES", "40"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow],
                print_blob=True)
#: the growth property cleans each page twice under a profiler: fewer examples
GROWTH = settings(FUZZ, max_examples=max(3, EXAMPLES // 8))

# --- generated HTML ------------------------------------------------------------------------------

WORDS = ("council bridge river harbour budget minister school station market storm election court "
         "museum energy water railway village protest report said announced opened closed new old "
         "share tweet newsletter subscribe cookies advertisement related read more photo credit by").split()
#: text that is not plain words: entities, markup characters, other scripts, invisible characters
ODD = ("&amp;", "&lt;", "&#160;", "&nbsp;", "&#x1F600;", "&bogus;", "<", ">", "&", "\u00a0", "\u200b", "\u202e",
       "\ufeff", "é", "ß", "Ω", "ж", "中文", "日本語", "العربية", "עברית", "🙂", "\t", "\n", "  ", "...", "…")
TAGS = ("p", "div", "span", "a", "b", "i", "em", "strong", "h1", "h2", "h3", "li", "ul", "ol", "blockquote",
        "section", "article", "main", "aside", "nav", "header", "footer", "figure", "figcaption", "table", "tr",
        "td", "th", "pre", "code", "q", "small", "time", "form", "button", "label", "noscript", "script", "style")
CLASSES = ("content", "article-body", "story", "share", "related", "newsletter", "byline", "caption", "ad",
           "cookie-banner", "hidden", "intro", "summary", "comments", "menu", "trending", "credit", "tooltip")

sentences = st.lists(st.sampled_from(WORDS), min_size=6, max_size=25).map(lambda w: " ".join(w).capitalize() + ".")
text_runs = st.lists(st.one_of(sentences, st.sampled_from(WORDS), st.sampled_from(ODD), st.text(max_size=6)),
                     min_size=1, max_size=6).map(" ".join)
attributes = st.lists(st.one_of(
    st.sampled_from(CLASSES).map(lambda c: f' class="{c}"'),
    st.sampled_from(CLASSES).map(lambda c: f' id="{c}"'),
    st.just(' hidden'), st.just(' style="display:none"'), st.just(' href="/2024/05/01/story.html"'),
    st.just(' href="javascript:void(0)"'), st.just(' lang="fr"'), st.just(' dir="rtl"'),
), max_size=3).map("".join)


def element(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """One element around some children; now and then left unclosed, as real pages leave them."""
    return st.tuples(st.sampled_from(TAGS), attributes, st.lists(children, min_size=1, max_size=4), st.booleans()).map(
        lambda t: f"<{t[0]}{t[1]}>{''.join(t[2])}" + ("" if t[3] and t[0] in ("p", "li", "div") else f"</{t[0]}>"))


fragments = st.recursive(st.one_of(text_runs, st.sampled_from(("<br>", "<hr>", "<img src=x>", "<!-- c -->"))),
                         element, max_leaves=12)
heads = st.tuples(st.one_of(st.none(), text_runs), st.sampled_from((
    "", '<meta charset="utf-8">', '<meta charset="windows-1251">', '<meta name="description" content="council">',
    '<link rel="canonical" href="/2024/05/01/other.html">',
    '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Bridge", "author": '
    '{"name": "Jane Doe"}, "datePublished": "2024-05-01"}</script>',
    '<script type="application/ld+json">{"@type": [1, {"x": null}]</script>',
)))
pages = st.tuples(heads, st.lists(fragments, min_size=1, max_size=4)).map(
    lambda t: f"<!DOCTYPE html><html><head>{t[0][1]}<title>{t[0][0] or ''}</title></head>"
              f"<body>{''.join(t[1])}</body></html>")

_PARSER = HTMLParser(huge_tree=True)
#: white space, and what is never printed: controls, format marks, unassigned and private code points
_INVISIBLE = {"Zs", "Zl", "Zp", "Cc", "Cf", "Cn", "Co", "Cs"}


def squeezed(text: str) -> str:
    """Text without white space and characters that are never printed (which trafilatura removes):
    what "text present in the input after whitespace normalisation" compares."""
    return "".join(c for c in unicodedata.normalize("NFC", text) if unicodedata.category(c) not in _INVISIBLE)


def in_order(paragraph: str, source: str) -> bool:
    """Every word of the paragraph is in ``source``, squeezed, in the paragraph's order: the cleaner
    may leave out a part of a block (a share link inside a paragraph), never add or move text. A
    word not found whole may be two glued across a removed part (``bridge.`` and ``Bridge`` about a
    hidden paragraph): its characters must then come in order."""
    at = 0
    for word in map(squeezed, paragraph.split()):
        found = source.find(word, at)
        if found >= 0:
            at = found + len(word)
            continue
        for char in word:
            at = source.find(char, at) + 1
            if at == 0:
                return False
    return True


def input_text(html: str) -> str:
    """Every text of the page as a parser reads it (entities decoded), squeezed."""
    try:
        tree = document_fromstring(html, parser=_PARSER)
    except Exception:
        return ""
    return squeezed("".join(tree.itertext()))


def outcome(html: str | bytes) -> object:
    """The cleaner's whole answer, comparable: the Article with what it removed, or the reason."""
    try:
        article = clean(html, url="https://news.example/2024/05/01/story.html")
    except NotAnArticle as exc:
        return ("not an article", exc.reason, str(exc))
    assert isinstance(article, Article)
    return article.to_dict(removed=True)


@FUZZ
@given(pages)
def test_the_cleaner_keeps_only_input_text_each_long_paragraph_once_and_always_the_same(html: str) -> None:
    first = outcome(html)
    assert outcome(html) == first  # deterministic
    if not isinstance(first, dict):
        return
    paragraphs = first["paragraphs"]
    assert paragraphs, "an Article always has a body"
    source = input_text(html)
    for paragraph in paragraphs:
        assert paragraph.strip() and in_order(paragraph, source), paragraph
    long = [p for p in paragraphs if len(p.split()) >= 10]
    assert len(long) == len(set(long)), "a paragraph twice"


@FUZZ
@given(st.one_of(st.binary(max_size=2000), pages.map(str.encode),
                 st.tuples(pages, st.sampled_from(("utf-16", "utf-16-le", "cp1251", "shift_jis", "latin-1")))
                 .map(lambda t: t[0].encode(t[1], errors="replace"))))
def test_the_cleaner_on_any_bytes_gives_an_article_or_not_an_article(body: bytes) -> None:
    assert outcome(body) == outcome(body)


@FUZZ
@given(st.one_of(st.text(st.characters(exclude_categories=()), max_size=3000),
                 st.tuples(pages, st.text(st.characters(categories=("Cs", "Cc", "Co")), min_size=1, max_size=5))
                 .map(lambda t: t[0].replace("</p>", t[1] + "</p>", 1))))
def test_the_cleaner_on_any_text_gives_an_article_or_not_an_article(text: str) -> None:
    """Any code point, lone surrogates and control characters included (a caller's str may hold them)."""
    outcome(text)


def scaled(recipe: list[tuple[str, str]], times: int, seed: int) -> str:
    """A page that repeats the blocks of ``recipe`` ``times`` times, each time with other words."""
    rng = random.Random(seed)
    blocks = []
    for n in range(times):
        for tag, attrs in recipe:
            words = " ".join(rng.choices(WORDS, k=rng.randint(3, 25)))
            blocks.append(f"<{tag}{attrs}>{words} {n}.</{tag}>")
    return f"<html><head><title>Bridge vote</title></head><body><article>{''.join(blocks)}</article></body></html>"


@GROWTH
@given(st.lists(st.tuples(st.sampled_from(("p", "li", "div", "h2", "blockquote", "td", "figcaption", "span")),
                          attributes), min_size=1, max_size=4), st.integers(0, 2**16))
def test_the_cleaners_work_grows_at_most_linearly_with_the_page(recipe: list[tuple[str, str]], seed: int) -> None:
    growth = calls(scaled(recipe, 100, seed).encode()) / calls(scaled(recipe, 25, seed).encode())
    assert growth <= MAX_CALLS_GROWTH, f"calls grew {growth:.1f}x for 4x the page"


# --- URLs --------------------------------------------------------------------------------------

hosts = st.one_of(st.sampled_from(("news.example", "www.news.example", "NEWS.example", "127.0.0.1", "[::1]",
                                   "xn--bcher-kva.example", "bücher.example")), st.text(max_size=12))
url_parts = st.lists(st.one_of(st.sampled_from(("2024", "05", "01", "world", "story-about-the-bridge-vote",
                                                "index.html", "%20", "%2F", "..", ".", "a b", "ü", "?", "#")),
                               st.text(max_size=8)), max_size=6).map("/".join)
queries = st.lists(st.tuples(st.sampled_from(("id", "page", "utm_source", "utm_medium", "fbclid", "gclid", "q", "x")),
                             st.text(max_size=6)), max_size=4)
urls = st.one_of(
    st.tuples(st.sampled_from(("http", "https", "HTTP", "ftp", "javascript", "mailto", "data", "")), hosts,
              st.sampled_from(("", ":80", ":443", ":8080", ":99999", ":x")), url_parts, queries,
              st.sampled_from(("", "#", "#top"))).map(
        lambda t: f"{t[0]}://{t[1]}{t[2]}/{t[3]}" + ("?" + "&".join(f"{k}={v}" for k, v in t[4]) if t[4] else "")
                  + t[5]),
    st.text(max_size=200),
)


@FUZZ
@given(urls)
def test_canonical_urls_are_strings_or_a_value_error_and_canonical_once(url: str) -> None:
    try:
        canonical = canonical_url(url)
    except ValueError:
        return
    assert isinstance(canonical, str) and "#" not in canonical
    if canonical.startswith(("http://", "https://")):
        assert canonical_url(canonical) == canonical


#: a path of an article URL, free of "?" and "#"
article_paths = st.lists(st.one_of(st.sampled_from(("world", "story-about-the-bridge-vote", "index.html", "%20",
                                                    "ü", "a b", "..")),
                                   st.text("abcxyz0189-_.~%", max_size=8)), max_size=4).map("/".join)


@FUZZ
@given(st.sampled_from(("http://news.example", "https://www.news.example:443")), article_paths, st.lists(st.tuples(
    st.sampled_from(("utm_source", "utm_medium", "utm_campaign", "fbclid", "gclid")),
    st.text("abcXYZ019", min_size=1, max_size=8)), min_size=1, max_size=3), st.sampled_from(("", "#comments")))
def test_tracking_parameters_and_fragments_never_change_the_canonical_url(
    root: str, path: str, tracking: list[tuple[str, str]], fragment: str
) -> None:
    plain = f"{root}/2024/05/01/{path}"
    try:
        expected = canonical_url(plain)
    except ValueError:
        return
    assert canonical_url(f"{plain}?{'&'.join(f'{k}={v}' for k, v in tracking)}{fragment}") == expected


@FUZZ
@given(urls, st.lists(hosts, min_size=1, max_size=2))
def test_any_link_is_classified(url: str, allowed: list[str]) -> None:
    assert isinstance(classify(url, allowed), LinkKind)


# --- the sites file ------------------------------------------------------------------------------

toml_values = st.recursive(
    st.one_of(st.text(max_size=20).map(lambda s: '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'),
              st.sampled_from(('"http://news.example/"', '"https://news.example/rss.xml"', '"http://[oops/"',
                               '"http://news.example:99999/"', '"ftp://x/"', '"("', '"\\\\d{4}"', "nan", "inf",
                               "-inf", "-1", "0", "2.5", "1e400", "true", "1979-05-27T07:32:00Z", "'''x'''", "[]")),
              st.integers(-10, 10).map(str)),
    lambda inner: st.lists(inner, min_size=1, max_size=3).map(lambda items: "[" + ", ".join(items) + "]"),
    max_leaves=6,
)
KEYS = ("name", "start_urls", "feed_urls", "sitemap_urls", "allowed_domains", "article_pattern", "download_delay",
        "unknown_key")
site_tables = st.lists(st.tuples(st.sampled_from(KEYS), toml_values), max_size=7).map(
    lambda pairs: "[[site]]\n" + "".join(f"{k} = {v}\n" for k, v in dict(pairs).items()))
sites_files = st.one_of(st.lists(site_tables, max_size=3).map("\n".join), st.binary(max_size=300),
                        st.text(max_size=300).map(str.encode))


@FUZZ
@given(sites_files.map(lambda f: f if isinstance(f, bytes) else f.encode()))
def test_a_sites_file_gives_sites_or_a_sites_file_error_naming_the_file(
    tmp_path_factory: pytest.TempPathFactory, content: bytes
) -> None:
    path = tmp_path_factory.mktemp("sites") / "sites.toml"
    path.write_bytes(content)
    try:
        sites = load_sites(path)
    except SitesFileError as exc:
        assert str(exc).startswith(str(path)) and "\n" not in str(exc).strip(), str(exc)
        return
    assert sites and all(isinstance(site, Site) and site.name for site in sites)
    for site in sites:
        assert site.start_urls or site.feed_urls or site.sitemap_urls
        assert site.download_delay is None or (math.isfinite(site.download_delay) and site.download_delay >= 0)
        for url in (*site.start_urls, *site.feed_urls, *site.sitemap_urls):
            assert url.startswith(("http://", "https://"))
            assert isinstance(classify(url, site.allowed_domains), LinkKind)


# --- feeds and sitemaps --------------------------------------------------------------------------

xml_text = st.one_of(st.sampled_from(("http://news.example/2024/05/01/a.html", "/2024/05/01/b.html", "http://[oops",
                                      "javascript:x", "2024-05-01", "2024-13-45T99:99+99:99", "Wed, 01 May 2024 08:00",
                                      "Sun, 31 Dec 99999 00:00:00 GMT", "&amp;", "&undeclared;", "<![CDATA[x]]>",
                                      "&#0;", "")), st.text(max_size=20).map(
    lambda s: s.replace("&", "&amp;").replace("<", "&lt;")))
CHILDREN = ("loc", "lastmod", "link", "title", "pubDate", "guid", "published", "updated", "news:news",
            "news:publication_date", "news:title", "item", "entry", "url", "sitemap", "channel")
xml_nodes = st.recursive(xml_text, lambda inner: st.tuples(st.sampled_from(CHILDREN), st.lists(inner, min_size=1,
                                                                                               max_size=4)).map(
    lambda t: f"<{t[0]}>{''.join(t[1])}</{t[0]}>"), max_leaves=30)
ROOTS = ('<rss version="2.0"><channel>', '<feed xmlns="http://www.w3.org/2005/Atom">',
         '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">',
         '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
         'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">',
         '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">', "<html>", "<x>")
PROLOGS = ("", '<?xml version="1.0" encoding="UTF-8"?>', '<?xml version="1.0" encoding="ISO-8859-1"?>',
           '<!DOCTYPE r [<!ENTITY e SYSTEM "file:///etc/passwd">]>', '<!DOCTYPE r [<!ENTITY a "aaaa">]>', "\ufeff")


@st.composite
def xml_documents(draw: st.DrawFn) -> bytes:
    """A feed or sitemap as real servers send them, and as they get them wrong: cut short, gzipped,
    with entities, in another encoding."""
    root = draw(st.sampled_from(ROOTS))
    end = "</" + re.match(r"<([\w:]+)", root).group(1) + ">"  # type: ignore[union-attr]
    if root.startswith("<rss"):
        end = "</channel>" + end
    body = (draw(st.sampled_from(PROLOGS)) + root + "".join(draw(st.lists(xml_nodes, max_size=6))) + end).encode()
    if draw(st.booleans()):
        body = body[:draw(st.integers(0, len(body)))]
    if draw(st.integers(0, 4)) == 0:
        body = gzip.compress(body)
    return body


any_xml = st.one_of(xml_documents(), st.binary(max_size=500), st.just(gzip.compress(b"<urlset>" * 1000)))


@FUZZ
@given(any_xml, st.integers(10, 100_000))
def test_a_feed_is_entries_or_a_rejected_document(body: bytes, max_bytes: int) -> None:
    try:
        entries = parse_feed(body, "http://news.example/rss.xml", max_bytes=max_bytes)
    except RejectedXML as exc:
        assert exc.reason and str(exc)
        return
    for entry in entries:
        assert isinstance(entry, FeedEntry) and entry.url.startswith(("http://", "https://"))


@FUZZ
@given(any_xml, st.integers(10, 100_000))
def test_a_sitemap_is_entries_or_a_rejected_document(body: bytes, max_bytes: int) -> None:
    try:
        sitemap = parse_sitemap(body, "http://news.example/sitemap.xml", max_bytes=max_bytes)
        entries = list(sitemap)
    except RejectedXML as exc:
        assert exc.reason and str(exc)
        return
    assert sitemap.kind in ("urlset", "sitemapindex")
    assert isinstance(sitemap.truncated, bool)
    for entry in entries:
        assert isinstance(entry, SitemapEntry) and entry.loc.startswith(("http://", "https://"))
        entry.date  # noqa: B018 - a date, or None: never an error


@FUZZ
@given(st.one_of(st.binary(max_size=500), st.lists(st.sampled_from((
    "Sitemap: http://news.example/s.xml", "sitemap:/relative.xml", "Sitemap: http://[oops", "User-agent: *",
    "Disallow: /", "Sitemap:", "\ufeffSitemap: http://news.example/bom.xml")), max_size=6).map(
    lambda lines: "\n".join(lines).encode())))
def test_robots_txt_gives_sitemap_urls(body: bytes) -> None:
    urls = robots_sitemap_urls(body, "http://news.example/robots.txt")
    assert all(url.startswith(("http://", "https://")) for url in urls)
