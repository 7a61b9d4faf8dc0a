"""The news spider's feed and sitemap routes on responses built from bytes: which requests, with
which listing data, what is skipped and what is counted."""

from __future__ import annotations

import asyncio
import gc
import gzip
import inspect
from typing import TYPE_CHECKING, Any

import pytest
import scrapy
from crawlers import collect
from scrapy.crawler import CrawlerRunner
from scrapy.http import HtmlResponse, Response, TextResponse, XmlResponse
from scrapy.utils.misc import is_generator_with_return_value
from scrapy.utils.test import get_crawler

from newsscraper.discovery.sites import Site
from newsscraper.spiders.news import NewsSpider

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Iterable
    from pathlib import Path

NOW = "2024-05-02T12:00:00+00:00"
HOME = "https://example.com/"
SITE = Site("example.com", (HOME,), ("example.com",))


def make_spider(site: Site = SITE, **settings: Any) -> NewsSpider:
    crawler = get_crawler(NewsSpider, settings_dict={"NEWSSCRAPER_NOW": NOW, **settings})
    spider = NewsSpider.from_crawler(crawler, start_urls=HOME)
    spider.sites = [site]
    return spider


def stats(spider: NewsSpider, prefix: str = "newsscraper/") -> dict[str, int]:
    return {k[len(prefix):]: v for k, v in spider.crawler.stats.get_stats().items() if k.startswith(prefix)}


def xml(url: str, body: bytes, content_type: str = "application/xml", status: int = 200) -> Response:
    """What Scrapy would build: XmlResponse for XML types, TextResponse or plain Response otherwise."""
    cls = XmlResponse if "xml" in content_type else TextResponse if content_type.startswith("text/") else Response
    return cls(url, body=body, status=status, headers={"Content-Type": content_type}, request=scrapy.Request(url))


def urls(requests: Iterable[scrapy.Request], callback: Any = None) -> list[str]:
    return [r.url for r in requests if callback is None or r.callback == callback]


async def start_requests(spider: NewsSpider) -> list[scrapy.Request]:
    return [r async for r in spider.start()]


def run(coro: Any) -> Any:
    import asyncio

    return asyncio.run(coro)


def test_start_asks_sections_then_robots_txt_when_no_sitemap_is_configured() -> None:
    spider = make_spider()
    requests = run(start_requests(spider))
    assert urls(requests, spider.parse_section) == [HOME]
    assert urls(requests, spider.parse_robots) == ["https://example.com/robots.txt"]
    assert requests[-1].meta["dont_obey_robotstxt"] is True


def test_configured_feeds_and_sitemaps_are_requested_and_robots_txt_is_not() -> None:
    site = Site("ex", (HOME,), ("example.com",), feed_urls=("https://example.com/rss.xml",),
                sitemap_urls=("https://example.com/sitemap.php?type=news",))
    spider = make_spider(site)
    requests = run(start_requests(spider))
    assert urls(requests, spider.parse_feed) == ["https://example.com/rss.xml"]
    assert urls(requests, spider.parse_sitemap) == ["https://example.com/sitemap.php?type=news"]
    assert urls(requests, spider.parse_robots) == []
    assert all(r.meta["download_maxsize"] == 50 * 1024 * 1024 for r in requests[1:])


def test_robots_txt_sitemap_lines_are_followed() -> None:
    spider = make_spider()
    body = b"User-agent: *\nDisallow: /private/\nSitemap: https://example.com/sitemap_index.xml\nSitemap: /news.xml\n"
    requests = list(spider.parse_robots(xml("https://example.com/robots.txt", body, "text/plain"), site=SITE))
    assert urls(requests, spider.parse_sitemap) == ["https://example.com/sitemap_index.xml", "https://example.com/news.xml"]
    assert {r.cb_kwargs["guessed"] for r in requests} == {False}


@pytest.mark.parametrize("status", [200, 404])
def test_without_sitemap_lines_the_common_paths_are_guessed(status: int) -> None:
    spider = make_spider()
    robots = xml("https://example.com/robots.txt", b"User-agent: *\nDisallow:\n", "text/plain", status)
    requests = list(spider.parse_robots(robots, site=SITE))
    assert urls(requests) == [f"https://example.com/{p}" for p in
                              ("sitemap.xml", "news-sitemap.xml", "sitemap_index.xml", "sitemap-news.xml")]
    assert {r.cb_kwargs["guessed"] for r in requests} == {True}
    missing = xml("https://example.com/sitemap.xml", b"<html>Not found</html>", "text/html", status=404)
    assert collect(spider.parse_sitemap(missing, site=SITE, depth=0, guessed=True)) == []
    assert stats(spider) == {"sitemaps/guesses_missed": 1}  # not a drop, not a failure


def test_the_fallback_paths_setting_can_switch_guessing_off() -> None:
    spider = make_spider(NEWSSCRAPER_SITEMAP_FALLBACK_PATHS=[])
    assert list(spider.parse_robots(xml("https://example.com/robots.txt", b"", "text/plain"), site=SITE)) == []


INDEX = b"""<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>https://example.com/sitemaps/news.xml</loc><lastmod>2024-05-02T11:00:00Z</lastmod></sitemap>
<sitemap><loc>https://example.com/sitemaps/2024-04.xml.gz</loc><lastmod>2024-04-29T23:00:00Z</lastmod></sitemap>
<sitemap><loc>https://example.com/sitemap.php?page=undated</loc></sitemap>
<sitemap><loc>https://cdn.other.example/sitemaps/evil.xml</loc></sitemap>
</sitemapindex>"""


def test_an_index_is_followed_to_its_fresh_or_undated_children_on_the_site() -> None:
    spider = make_spider()
    requests = collect(spider.parse_sitemap(xml("https://example.com/sitemap_index.xml", INDEX), site=SITE, depth=0))
    assert urls(requests, spider.parse_sitemap) == ["https://example.com/sitemaps/news.xml",
                                                    "https://example.com/sitemap.php?page=undated"]
    assert {r.cb_kwargs["depth"] for r in requests} == {1}
    assert stats(spider) == {"sitemaps/read": 1, "sitemaps/too_old": 1, "sitemaps/offsite": 1}


def test_index_nesting_stops_at_the_depth_limit() -> None:
    spider = make_spider()
    assert collect(spider.parse_sitemap(xml("https://example.com/sitemap_index.xml", INDEX), site=SITE, depth=3)) == []
    assert stats(spider)["sitemaps/failed/too_deep"] == 1


NEWS = b"""<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
 xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>https://example.com/2024/05/02/river-rises-after-storm.html?utm_source=sitemap</loc>
 <news:news><news:publication_date>2024-05-02T09:30:00+02:00</news:publication_date>
 <news:title>River rises after storm</news:title></news:news></url>
<url><loc>https://example.com/live/ticker</loc>
 <news:news><news:publication_date>2024-05-01T15:00:00Z</news:publication_date><news:title>Ticker</news:title></news:news></url>
<url><loc>https://example.com/2024/04/20/old-news-from-april-here.html</loc>
 <news:news><news:publication_date>2024-04-20T09:30:00Z</news:publication_date></news:news></url>
<url><loc>https://example.com/2024/05/02/lastmod-only-article-here.html</loc><lastmod>2024-05-02</lastmod></url>
<url><loc>https://example.com/world/</loc><lastmod>2024-05-02T11:59:00Z</lastmod></url>
<url><loc>https://example.com/2024/05/02/undated-article-in-the-sitemap.html</loc></url>
<url><loc>https://other.example/2024/05/02/someone-elses-article-here.html</loc><lastmod>2024-05-02</lastmod></url>
</urlset>"""
NEWS_ARTICLES = [
    "https://example.com/2024/05/02/river-rises-after-storm.html",  # tracker gone: same as the section link
    "https://example.com/live/ticker",  # a Google News entry is an article by the site's word
    "https://example.com/2024/05/02/lastmod-only-article-here.html",
]


@pytest.mark.parametrize(
    ("url", "body", "content_type"),
    [
        ("https://example.com/news-sitemap.xml", NEWS, "application/xml"),
        ("https://example.com/sitemap.php?type=news", NEWS, "text/html; charset=utf-8"),
        ("https://example.com/sitemaps/news.txt", NEWS, "text/plain"),
        ("https://example.com/sitemaps/news.xml.gz", gzip.compress(NEWS), "application/octet-stream"),
        ("https://example.com/sitemaps/news", gzip.compress(NEWS), "application/x-gzip"),
    ],
    ids=["xml", "php-served-as-html", "text-plain", "gz-octet-stream", "gz-no-extension"],
)
def test_fresh_article_entries_become_article_requests_however_the_sitemap_is_served(
    url: str, body: bytes, content_type: str
) -> None:
    spider = make_spider()
    requests = collect(spider.parse_sitemap(xml(url, body, content_type), site=SITE, depth=1))
    assert urls(requests, spider.parse_article) == NEWS_ARTICLES
    first = requests[0].meta["newsscraper"]
    assert first["discovered_via"] == "sitemap"
    assert first["listed_published"] == "2024-05-02T09:30:00+02:00"
    assert first["listed_title"] == "River rises after storm"
    assert requests[2].meta["newsscraper"]["listed_published"] is None  # lastmod is not a publication date
    assert stats(spider) == {"sitemaps/read": 1, "sitemaps/entries": 7, "sitemaps/too_old": 1,
                             "sitemaps/undated": 1, "sitemaps/not_article": 2, "routes/sitemap": 3}


def test_the_age_window_is_a_setting() -> None:
    spider = make_spider(NEWSSCRAPER_SITEMAP_MAX_AGE_DAYS=30)
    requests = collect(spider.parse_sitemap(xml("https://example.com/news.xml", NEWS), site=SITE, depth=1))
    assert "https://example.com/2024/04/20/old-news-from-april-here.html" in urls(requests)


def test_without_newsscraper_now_the_clock_decides() -> None:
    crawler = get_crawler(NewsSpider)
    spider = NewsSpider.from_crawler(crawler, start_urls=HOME)
    assert collect(spider.parse_sitemap(xml("https://example.com/news.xml", NEWS), site=SITE, depth=1)) == []


def test_a_bad_now_setting_stops_the_crawl_before_it_starts() -> None:
    with pytest.raises(ValueError, match="NEWSSCRAPER_NOW"):
        make_spider(NEWSSCRAPER_NOW="last tuesday")


@pytest.mark.parametrize(
    ("body", "reason"),
    [(b"<html><body>Oops</body></html>", "not_a_sitemap"),
     (b'<!DOCTYPE u [<!ENTITY x SYSTEM "file:///etc/passwd">]><urlset><url><loc>&x;</loc></url></urlset>', "entities")],
    ids=["html", "hostile"],
)
def test_unusable_sitemaps_are_counted_failures_not_article_drops(body: bytes, reason: str) -> None:
    spider = make_spider()
    assert collect(spider.parse_sitemap(xml("https://example.com/sitemap.xml", body), site=SITE, depth=0)) == []
    assert stats(spider) == {f"sitemaps/failed/{reason}": 1}


RSS = b"""<rss version="2.0"><channel><title>World</title>
<item><title>River rises after storm</title><link>https://example.com/2024/05/02/river-rises-after-storm.html</link>
<pubDate>Thu, 02 May 2024 09:30:00 +0200</pubDate></item>
<item><title>Short</title><link>https://example.com/live/ticker</link></item>
<item><title>Elsewhere</title><link>https://feedproxy.example/~r/example/123</link></item>
<item><title>Podcast</title><link>https://example.com/audio/episode-12.mp3</link></item>
</channel></rss>"""


def test_feed_items_become_article_requests_with_their_dates() -> None:
    spider = make_spider()
    requests = list(spider.parse_feed(xml("https://example.com/world/rss.xml", RSS, "application/rss+xml"), site=SITE))
    assert urls(requests, spider.parse_article) == ["https://example.com/2024/05/02/river-rises-after-storm.html",
                                                    "https://example.com/live/ticker"]
    assert requests[0].meta["newsscraper"] == {
        "site": "example.com", "discovered_via": "feed", "routes": ["feed"],
        "listed_published": "2024-05-02T09:30:00+02:00", "listed_title": "River rises after storm"}
    assert stats(spider) == {"feeds/read": 1, "feeds/entries": 4, "feeds/not_article": 2, "routes/feed": 2}


def test_an_article_pattern_filters_feed_and_sitemap_entries_too() -> None:
    site = Site("ex", (HOME,), ("example.com",), article_pattern=r"/\d{4}/\d\d/\d\d/")
    spider = make_spider(site)
    requests = list(spider.parse_feed(xml("https://example.com/rss.xml", RSS), site=site))
    assert urls(requests) == ["https://example.com/2024/05/02/river-rises-after-storm.html"]


def test_a_feed_that_fails_is_a_counted_warning() -> None:
    spider = make_spider()
    assert list(spider.parse_feed(xml("https://example.com/rss.xml", b"", status=500), site=SITE)) == []
    assert list(spider.parse_feed(xml("https://example.com/rss.xml", b"<html/>", "text/html"), site=SITE)) == []
    assert stats(spider) == {"feeds/failed/http_500": 1, "feeds/failed/not_a_feed": 1}


SECTION = b"""<html><head><link rel="alternate" type="application/rss+xml" href="/world/rss.xml">
<link rel="alternate" type="application/atom+xml" href="https://elsewhere.example/atom.xml"></head>
<body><a href="/2024/05/02/river-rises-after-storm.html">River</a></body></html>"""


def test_section_pages_announce_feeds_read_only_when_none_is_configured() -> None:
    spider = make_spider()
    page = HtmlResponse("https://example.com/world/", body=SECTION, headers={"Content-Type": "text/html"})
    requests = list(spider.parse_section(page, site=SITE, depth=0))
    assert urls(requests, spider.parse_feed) == ["https://example.com/world/rss.xml"]  # off-site feed ignored
    configured = Site("ex", (HOME,), ("example.com",), feed_urls=("https://example.com/all.rss",))
    assert urls(spider.parse_section(page, site=configured, depth=0), spider.parse_feed) == []


def first(results: AsyncIterator[Any]) -> Any:
    """The first thing an asynchronous callback yields, the rest left unread (as ``next()`` does)."""

    async def take() -> Any:
        return await results.__anext__()

    return asyncio.run(take())


def test_one_url_from_three_routes_is_one_request_with_the_listing_data_merged() -> None:
    spider = make_spider()
    page = HtmlResponse("https://example.com/world/", body=SECTION, headers={"Content-Type": "text/html"})
    by_section = [r for r in spider.parse_section(page, site=SITE, depth=0) if r.callback == spider.parse_article]
    by_feed = [next(spider.parse_feed(xml("https://example.com/world/rss.xml", RSS), site=SITE))]
    by_sitemap = [first(spider.parse_sitemap(xml("https://example.com/news.xml", NEWS), site=SITE, depth=1))]
    requests = by_section + by_feed + by_sitemap
    fingerprints = {spider.crawler.request_fingerprinter.fingerprint(r) for r in requests}
    assert len(fingerprints) == 1  # the dupefilter lets the first one through, only
    info = by_section[0].meta["newsscraper"]
    assert info["discovered_via"] == "section"
    assert info["routes"] == ["section", "feed", "sitemap"]
    assert info["listed_published"] == "2024-05-02T09:30:00+02:00"  # filled in by the feed
    assert stats(spider, "newsscraper/routes/") == {"section": 1, "feed": 1, "sitemap": 1}


ARTICLE = ("<html><head><title>River rises</title></head><body><article><h1>River rises</h1>"
           + "".join(f"<p>Paragraph {n} of the story about the river, long enough to count as prose here.</p>"
                     for n in range(6)) + "</article></body></html>").encode()


def test_the_item_carries_the_route_and_falls_back_to_the_listed_date() -> None:
    spider = make_spider()
    request = next(spider.parse_feed(xml("https://example.com/rss.xml", RSS), site=SITE))
    response = HtmlResponse(request.url, body=ARTICLE, headers={"Content-Type": "text/html; charset=utf-8"},
                            request=request)
    (item,) = collect(spider.parse_article(response, **request.cb_kwargs))
    assert item.discovered_via == "feed"
    assert item.listed_published == "2024-05-02T09:30:00+02:00"
    assert item.published == "2024-05-02"  # the page gives no date; the feed's, in the site's zone


def test_a_site_with_its_own_delay_gets_its_own_download_slot(tmp_path: Path) -> None:
    sites = tmp_path / "sites.toml"
    sites.write_text('[[site]]\nname = "slow"\nstart_urls = ["https://slow.example/"]\ndownload_delay = 7.5\n'
                     '[[site]]\nname = "fast"\nstart_urls = ["https://fast.example/"]\n', encoding="utf-8")
    crawler = CrawlerRunner({"NEWSSCRAPER_NOW": NOW}).create_crawler(NewsSpider)  # settings not frozen yet
    spider = NewsSpider.from_crawler(crawler, sites=str(sites))
    assert crawler.settings.getdict("DOWNLOAD_SLOTS") == {"newsscraper-site:slow": {"delay": 7.5}}
    slow, fast = run(start_requests(spider))[0], run(start_requests(spider))[2]
    assert slow.meta["download_slot"] == "newsscraper-site:slow" and slow.meta["autothrottle_dont_adjust_delay"]
    assert "download_slot" not in fast.meta
    running = make_spider(spider.sites[0])
    article = next(running.parse_feed(xml("https://slow.example/rss.xml", RSS.replace(b"example.com", b"slow.example")),
                                      site=spider.sites[0]))
    assert article.meta["download_slot"] == "newsscraper-site:slow"


def test_no_callback_is_a_generator_that_returns_a_value() -> None:
    """Scrapy warns in every crawl's log about a callback generator with ``return value``."""
    spider = make_spider()
    methods = [getattr(spider, name) for name in dir(NewsSpider) if not name.startswith("__")]
    generators = [m for m in methods if inspect.isgeneratorfunction(m)]
    assert {m.__name__ for m in generators} >= {"parse_feed", "sitemap_children"}
    assert [m.__name__ for m in generators if is_generator_with_return_value(m)] == []


BAD_URLS = ("http://[oops/2024/05/02/broken-bracket-article.html", "https://example.com:99999/2024/05/02/port.html")


def test_an_unparsable_feed_link_is_skipped_and_counted_and_the_feed_read_on() -> None:
    items = "".join(f"<item><title>Bad</title><link>{url}</link></item>" for url in BAD_URLS)
    body = RSS.replace(b"<item><title>Short</title>", items.encode() + b"<item><title>Short</title>")
    spider = make_spider()
    requests = list(spider.parse_feed(xml("https://example.com/world/rss.xml", body), site=SITE))
    assert urls(requests, spider.parse_article) == ["https://example.com/2024/05/02/river-rises-after-storm.html",
                                                    "https://example.com/live/ticker"]
    assert stats(spider)["feeds/bad_url"] == 2


def test_an_unparsable_sitemap_loc_is_skipped_and_counted_and_the_sitemap_read_on() -> None:
    bad = "".join(f"<url><loc>{url}</loc><lastmod>2024-05-02</lastmod></url>" for url in BAD_URLS)
    body = NEWS.replace(b"<url><loc>https://example.com/live/ticker", bad.encode() + b"<url><loc>https://example.com/live/ticker")
    spider = make_spider()
    requests = collect(spider.parse_sitemap(xml("https://example.com/news.xml", body), site=SITE, depth=1))
    assert urls(requests, spider.parse_article) == NEWS_ARTICLES
    assert stats(spider)["sitemaps/bad_url"] == 2
    index = "".join(f"<sitemap><loc>{url}</loc></sitemap>" for url in (*BAD_URLS, "https://example.com/news.xml"))
    body = f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{index}</sitemapindex>'.encode()
    requests = collect(spider.parse_sitemap(xml("https://example.com/index.xml", body), site=SITE, depth=0))
    assert urls(requests, spider.parse_sitemap) == ["https://example.com/news.xml"]
    assert stats(spider)["sitemaps/bad_url"] == 4


def test_an_unparsable_link_on_a_section_page_is_skipped_and_counted_and_the_page_read_on() -> None:
    bad = "".join(f'<link rel="alternate" type="application/rss+xml" href="{url}">' for url in BAD_URLS)
    body = SECTION.replace(b"<head>", b"<head>" + bad.encode())
    spider = make_spider()
    page = HtmlResponse("https://example.com/world/", body=body, headers={"Content-Type": "text/html"})
    requests = list(spider.parse_section(page, site=SITE, depth=0))
    assert urls(requests, spider.parse_feed) == ["https://example.com/world/rss.xml"]
    assert urls(requests, spider.parse_article) == ["https://example.com/2024/05/02/river-rises-after-storm.html"]
    assert stats(spider)["links/bad_url"] == 2


def test_listing_data_lives_as_long_as_the_request_and_routes_are_counted_once_per_run() -> None:
    spider = make_spider()
    url = "https://example.com/2024/05/02/river-rises-after-storm.html"
    requests = [r for r in spider.parse_feed(xml("https://example.com/world/rss.xml", RSS), site=SITE)
                if r.url == url]
    assert url in spider.listed
    del requests
    gc.collect()
    assert url not in spider.listed  # a 20,000-article run keeps no listing data of done requests
    again = next(r for r in spider.parse_feed(xml("https://example.com/world/rss.xml", RSS), site=SITE)
                 if r.url == url)
    assert again.meta["newsscraper"]["routes"] == ["feed"]
    assert stats(spider, "newsscraper/routes/") == {"feed": 2}  # its two entries, once each
    assert spider.found_by[url] == frozenset({"feed"})
