"""Article links whose URL can't tell: the anchor, the link's place, the site's stored URL shapes;
each signal alone, the saved listings of fixtures/listings, the store's query and a served crawl."""

from __future__ import annotations

import asyncio
import json
import sqlite3
from contextlib import closing
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

import lxml.html
import pytest
import scrapy
from crawlers import stop, store_crawler
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler

from newsscraper.discovery.context import ArticleShapes, LinkPlace, decide, is_headline, page_links, url_shape
from newsscraper.discovery.links import LinkKind, classify, could_be_article
from newsscraper.spiders.news import NewsSpider
from newsscraper.store import ArticleRecord, open_store

if TYPE_CHECKING:
    from collections.abc import Callable

    from conftest import CrawlRun

    from newsscraper.demo.server import DemoSite

LISTINGS = Path(__file__).resolve().parent.parent / "fixtures" / "listings"
CASES = sorted(p.stem for p in LISTINGS.glob("*.html"))
HOSTS = ("example.com",)
SITE = "https://example.com"

# --- the URL: which links the page has to decide ----------------------------------------------------


@pytest.mark.parametrize("path", [
    "/feather-duvet-lung.html", "/classificacao-nascar/", "/news/science-environment",
    "/automobilismo/calendario-f1-2027/", "/deep/path/to-a/short-slug", "/feather-duvet-lung.html?utm_source=x",
])
def test_a_short_slug_could_be_an_article(path: str) -> None:
    assert classify(SITE + path, HOSTS) in (LinkKind.SECTION, LinkKind.OTHER)
    assert could_be_article(SITE + path, HOSTS)


@pytest.mark.parametrize("path", [
    "/", "/world/", "/formula-1/", "/index.html", "/fr/", "/tag/us-election", "/author/jane-doe",
    "/world/page/2/", "/privacy-policy/contact", "/shop-all/?sort=price", "/storms-today?q=flood",
    "/img/duvet-cover.jpg", "https://other.example/feather-duvet-lung.html",
    "/2024/05/01/fox-crosses-river.html",  # an article by its URL already
])
def test_sections_tags_authors_utilities_and_decided_urls_are_left_alone(path: str) -> None:
    url = path if "//" in path else SITE + path
    assert not could_be_article(url, HOSTS)


# --- the anchor ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "headline"), [
    ("Why your feather duvet could be making you cough", True),
    ("  Classificação da Nascar:\n veja a tabela ", True),
    ("EZB lässt Leitzins erneut unverändert", True),
    ("東京都が新たな防災計画を発表", True),
    ("Home & Living", False),
    ("Sign in", False),
    ("Qui sommes-nous ?", False),
    ("1 2 3 4 5", False),
    ("word " * 41, False),
])
def test_a_headline_has_several_words(text: str, headline: bool) -> None:
    assert is_headline(text) is headline


# --- the place ------------------------------------------------------------------------------------------

TEASERS = "".join(
    f'<li><article><h3><a href="/story-{n}-slug/">Headline number {n} of the teaser list</a></h3></article></li>'
    for n in range(3)
)


def places(body: str) -> dict[str, LinkPlace]:
    root = lxml.html.document_fromstring(f"<html><body>{body}</body></html>")
    return page_links(root, SITE + "/", SITE + "/")


def test_a_list_of_three_headline_teasers_is_a_list() -> None:
    found = places(f"<main><ul>{TEASERS}</ul></main>")
    assert found[SITE + "/story-0-slug/"] == LinkPlace(headline=True, chrome=False, listed=True, heading=True)


def test_two_teasers_are_no_list() -> None:
    two = TEASERS.rsplit("<li>", 1)[0]
    assert not places(f"<main><ul>{two}</ul></main>")[SITE + "/story-0-slug/"].listed


@pytest.mark.parametrize("wrapper", [
    "<nav>{}</nav>", "<aside>{}</aside>", "<header>{}</header>", "<footer>{}</footer>",
    '<div class="site-header">{}</div>', '<div id="footer">{}</div>', '<div class="main-menu">{}</div>',
    '<ul id="menu-principal">{}</ul>', '<div role="navigation">{}</div>', '<div class="breadcrumbs">{}</div>',
])
def test_menus_headers_footers_and_sidebars_are_chrome(wrapper: str) -> None:
    place = places(wrapper.format(f"<ul>{TEASERS}</ul>"))[SITE + "/story-1-slug/"]
    assert place.chrome and not place.listed


def test_an_articles_own_header_and_footer_are_not_chrome() -> None:
    teaser = ('<article><header><h2><a href="/short-slug/">A headline in the header of a teaser</a></h2></header>'
              '<footer class="footer"><a href="/tag/x/">X</a></footer></article>')
    assert not places(f"<main>{teaser}</main>")[SITE + "/short-slug/"].chrome
    assert places(f"<main>{teaser}</main>")[SITE + "/tag/x/"].chrome is False


def test_the_best_anchor_of_a_url_counts() -> None:
    body = f'<nav><a href="/story-2-slug/">Story two</a></nav><main><ul>{TEASERS}</ul></main>'
    assert places(body)[SITE + "/story-2-slug/"].listed


def test_a_lone_link_in_a_paragraph_is_no_heading() -> None:
    place = places('<main><p><a href="/home-garden/">More from our home and garden desk</a></p></main>')
    assert place[SITE + "/home-garden/"] == LinkPlace(headline=True, chrome=False, listed=False, heading=False)


def test_reading_the_places_is_linear_in_the_teasers() -> None:
    """Each parent's items are counted once: a list of 4n teasers costs 4 times n's counts."""
    from newsscraper.discovery import context

    def counted(n: int) -> int:
        items = "".join(f'<li><h3><a href="/s-{i}-x/">Headline number {i} of the list</a></h3></li>' for i in range(n))
        calls = 0
        real = context._items

        def counting(*args: Any) -> int:
            nonlocal calls
            calls += 1
            return real(*args)

        context._items = counting  # type: ignore[assignment]
        try:
            assert len(places(f"<ul>{items}</ul>")) == n
        finally:
            context._items = real  # type: ignore[assignment]
        return calls

    assert counted(400) <= 4 * counted(100) + 4


# --- the store's URL shapes -----------------------------------------------------------------------------


def test_url_shapes_class_the_segments() -> None:
    assert url_shape(SITE + "/world/feather-duvet-lung.html") == url_shape(SITE + "/sport/a-much-longer-slug.html")
    assert url_shape(SITE + "/classificacao-nascar/") == ("slug", "/")
    assert url_shape(SITE + "/world/") == ("word", "/")
    assert url_shape(SITE + "/2024/05/story-here") == ("#", "#", "slug")


def test_a_shape_is_the_sites_when_three_stored_articles_have_it() -> None:
    stored = [f"{SITE}/sport/stored-story-number-{n}/" for n in ("one", "two", "three")]
    assert ArticleShapes.from_urls(stored).has(SITE + "/sport/short-slug/")
    assert not ArticleShapes.from_urls(stored[:2]).has(SITE + "/sport/short-slug/")
    assert not ArticleShapes.from_urls(stored).has(SITE + "/short-slug.html")


# --- the decision ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("place", "stored", "expected"), [
    (LinkPlace(headline=True, chrome=False, listed=True, heading=True), False, (True, "list")),
    (LinkPlace(headline=True, chrome=False, listed=False, heading=True), True, (True, "store")),
    (LinkPlace(headline=True, chrome=False, listed=True, heading=True), True, (True, "list_store")),
    (LinkPlace(headline=True, chrome=False, listed=False, heading=False), True, (False, "alone")),
    (LinkPlace(headline=True, chrome=False, listed=False, heading=True), False, (False, "alone")),
    (LinkPlace(headline=False, chrome=False), True, (False, "no_headline")),
    (LinkPlace(headline=True, chrome=True), True, (False, "chrome")),
    (None, True, (False, "unplaced")),
])
def test_decide(place: LinkPlace | None, stored: bool, expected: tuple[bool, str]) -> None:
    assert decide(place, stored) == expected


# --- saved listings through the spider's callback -------------------------------------------------------


def spider_for(url: str, **settings: Any) -> NewsSpider:
    return NewsSpider.from_crawler(get_crawler(NewsSpider, settings_dict=settings), start_urls=url)


def response(url: str, body: bytes) -> HtmlResponse:
    return HtmlResponse(url, body=body, headers={"Content-Type": "text/html; charset=utf-8"},
                        request=scrapy.Request(url))


def link_stats(spider: NewsSpider) -> dict[str, int]:
    prefix = "newsscraper/links/"
    return {k[len(prefix):]: v for k, v in spider.crawler.stats.get_stats().items() if k.startswith(prefix)}


@pytest.mark.parametrize("case", CASES)
def test_saved_listing_requests_its_articles_and_nothing_else(case: str) -> None:
    expected = json.loads((LISTINGS / f"{case}.json").read_text(encoding="utf-8"))
    spider = spider_for(expected["url"])
    site = spider.sites[0]
    spider.article_shapes[site.name] = ArticleShapes.from_urls(expected.get("stored", []))
    requests = list(spider.parse_section(response(expected["url"], (LISTINGS / f"{case}.html").read_bytes()),
                                         site=site, depth=0))
    articles = sorted({r.url for r in requests if r.callback == spider.parse_article})
    assert articles == expected["articles"]


def test_every_listing_fixture_has_its_json() -> None:
    assert CASES and all((LISTINGS / f"{case}.json").is_file() for case in CASES)


def test_each_decision_is_counted() -> None:
    case = json.loads((LISTINGS / "pt_sports_trailing_slash.json").read_text(encoding="utf-8"))
    spider = spider_for(case["url"])
    site = spider.sites[0]
    spider.article_shapes[site.name] = ArticleShapes.from_urls(case["stored"])
    list(spider.parse_section(response(case["url"], (LISTINGS / "pt_sports_trailing_slash.html").read_bytes()),
                              site=site, depth=0))
    counts = link_stats(spider)
    assert counts["context/list"] == 1  # classificacao-nascar: no stored article is a slug at the root
    assert counts["context/list_store"] == 1  # calendario-f1-2027: in the list, and of a stored shape
    assert counts["context/store"] == 1  # the lone hero: a heading, of the stored articles' shape
    assert counts["context/alone"] == 1  # "Mais notícias do Mundial de Pilotos…": a paragraph's link
    assert counts["context/chrome"] >= 3  # the menu's and the footer's short slugs
    assert counts["article"] == len(case["articles"])


def test_without_stored_shapes_the_lone_hero_is_not_followed_as_an_article() -> None:
    case = json.loads((LISTINGS / "pt_sports_trailing_slash.json").read_text(encoding="utf-8"))
    spider = spider_for(case["url"])
    requests = list(spider.parse_section(response(case["url"], (LISTINGS / "pt_sports_trailing_slash.html")
                                                  .read_bytes()), site=spider.sites[0], depth=0))
    articles = {r.url for r in requests if r.callback == spider.parse_article}
    assert articles == set(case["articles"]) - {"https://placar.example/automobilismo/verstappen-vence-interlagos/"}


def test_a_sites_article_pattern_keeps_the_last_word() -> None:
    case = json.loads((LISTINGS / "en_home_short_slugs.json").read_text(encoding="utf-8"))
    spider = spider_for(case["url"])
    site = spider.sites[0].__class__(**{**spider.sites[0].__dict__, "article_pattern": r"/20\d\d/"})
    requests = list(spider.parse_section(response(case["url"], (LISTINGS / "en_home_short_slugs.html").read_bytes()),
                                         site=site, depth=0))
    assert {r.url for r in requests if r.callback == spider.parse_article} == {
        "https://www.dailyhearth.example/2026/11/20/winter-heating-costs.html"}
    assert not any(k.startswith("context/") for k in link_stats(spider))


# --- the store: a site's article URLs, read once a run --------------------------------------------------


def save(store: Any, url: str, when: datetime) -> None:
    store.save(ArticleRecord(url=url, canonical_url=url, title="t", text=url, paragraphs=(url,), authors=(),
                             published=None, language="en", content_hash=url), now=when)


def test_the_store_gives_a_sites_latest_article_urls(database: str) -> None:
    store = open_store(database, busy_timeout=5)
    start = datetime(2026, 11, 20, tzinfo=timezone.utc)
    try:
        for n, url in enumerate(["https://placar.example/a-b/", "http://www.placar.example/c-d/",
                                 "https://placar.example.evil/e-f/", "https://other.example/g-h/",
                                 "https://m.placar.example/i-j/", "https://placar.example/k-l/"]):
            save(store, url, start + timedelta(minutes=n))
        assert store.article_urls(["www.placar.example"], limit=10) == [
            "https://placar.example/k-l/", "http://www.placar.example/c-d/", "https://placar.example/a-b/"]
        assert store.article_urls(["placar.example"], limit=2) == [
            "https://placar.example/k-l/", "http://www.placar.example/c-d/"]
        assert store.article_urls([], limit=10) == []
    finally:
        store.close()


def test_the_spider_reads_each_sites_shapes_once(tmp_path: Path) -> None:
    database = tmp_path / "db.sqlite"
    store = open_store(str(database), busy_timeout=5)
    for n in range(3):
        save(store, f"https://placar.example/futebol/stored-story-{'abc'[n]}-here/", datetime.now(timezone.utc))
    store.close()
    crawler = store_crawler(NewsSpider, NEWSSCRAPER_DATABASE=str(database))
    spider = NewsSpider.from_crawler(crawler, start_urls="https://placar.example/")
    try:
        site = spider.sites[0]
        asyncio.run(spider.read_article_shapes(site))
        shapes = spider.article_shapes[site.name]
        assert shapes.has("https://placar.example/futebol/short-slug/")
        asyncio.run(spider.read_article_shapes(site))
        assert spider.article_shapes[site.name] is shapes
    finally:
        stop(crawler)


def test_without_a_store_the_shapes_say_nothing() -> None:
    spider = spider_for("https://placar.example/", NEWSSCRAPER_DATABASE="")
    asyncio.run(spider.read_article_shapes(spider.sites[0]))
    assert spider.article_shapes[spider.sites[0].name] == ArticleShapes()


# --- a served site, crawled ----------------------------------------------------------------------------

PARAGRAPH = ("The council met on Tuesday evening and voted to close the riverside path until the water "
             "level falls, after a week of rain that flooded three streets near the old mill. ")


def article_page(title: str) -> str:
    return (f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
            + "".join(f"<p>{title}: {PARAGRAPH}{n}</p>" for n in range(4)) + "</article></body></html>")


SHORT_SLUGS = {"/river-path-closed/": "River path closed as the water keeps rising",
               "/mill-street-flood.html": "Mill Street floods for the third time this year",
               "/sandbag-volunteers/": "Volunteers fill sandbags through the night by the quay"}
HOME = ("<html><head><title>The Riverside Gazette</title></head><body>"
        '<nav><a href="/local-news/">Local news</a> <a href="/whats-on/">What\'s on</a></nav><main><ul>'
        + "".join(f'<li><h2><a href="{p}">{t}</a></h2> <a href="/tag/floods/">Floods</a></li>'
                  for p, t in SHORT_SLUGS.items())
        + '</ul></main><footer><a href="/about-us/">About us and our newsroom staff</a></footer></body></html>')
SITE_EDITIONS = {"edition1": {
    "index.html": HOME,
    "local-news/index.html": "<html><body><p>No stories yet.</p></body></html>",
    "whats-on/index.html": "<html><body><p>Nothing on.</p></body></html>",
    "tag/floods/index.html": "<html><body><p>Tagged.</p></body></html>",
    "about-us/index.html": article_page("About us and our newsroom staff"),
    "river-path-closed/index.html": article_page(SHORT_SLUGS["/river-path-closed/"]),
    "mill-street-flood.html": article_page(SHORT_SLUGS["/mill-street-flood.html"]),
    "sandbag-volunteers/index.html": article_page(SHORT_SLUGS["/sandbag-volunteers/"]),
}}


def test_a_crawl_stores_the_short_slug_teasers_and_no_other_page(
    crawl: Callable[..., CrawlRun], site: DemoSite, tmp_path: Path
) -> None:
    database = tmp_path / "db.sqlite"
    run = crawl(site.url, database)
    assert run.returncode == 0, run.log
    with closing(sqlite3.connect(database)) as conn:
        stored = sorted(url.split("/", 3)[3] for (url,) in conn.execute("SELECT canonical_url FROM articles"))
    assert stored == sorted(p.lstrip("/") for p in SHORT_SLUGS)
    assert "'newsscraper/links/context/list': 3" in run.log
