"""The news spider's callbacks on responses built from bytes: which requests, which items, which drops."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest
import scrapy
from crawlers import collect
from scrapy.exceptions import IgnoreRequest
from scrapy.http import HtmlResponse, Response, TextResponse
from scrapy.utils.test import get_crawler
from twisted.python.failure import Failure

from newsscraper.discovery.sites import Site
from newsscraper.items import ArticleItem
from newsscraper.middlewares.notmodified import NotModified
from newsscraper.middlewares.robots import ForbiddenByRobots
from newsscraper.spiders.news import NewsSpider

if TYPE_CHECKING:
    from pathlib import Path

HOME = "https://example.com/"
ARTICLE_URL = "https://example.com/2024/05/01/river-rises-after-storm.html"
SECTION_PAGE = b"""<html><head><title>Example News</title></head><body>
<nav><a href="/world/">World</a> <a href="/fr/monde/">Monde</a> <a href="/tag/storms">Storms</a>
<a href="/author/jane-doe">Jane Doe</a> <a href="/search?q=x">Search</a> <a href="/about/">About</a></nav>
<a href="/2024/05/01/river-rises-after-storm.html?utm_source=home">River rises</a>
<a href="https://example.com/news/world-europe-68834721#comments">Europe</a>
<a href="/world/page/2/">Older</a> <a href="/img/storm.jpg">photo</a>
<a href="https://twitter.com/example">Twitter</a>
</body></html>"""
PARAGRAPHS = [
    "The river rose by two metres overnight after the storm, and the city closed the old bridge to traffic.",
    "Engineers will inspect the bridge on Monday; until then buses take the ring road, the mayor said.",
    "Shops along the quay opened late, and volunteers filled sandbags in front of the town hall all morning.",
]
ARTICLE_PAGE = (
    "<html><head><title>River rises after storm</title></head><body><article>"
    "<h1>River rises after storm</h1>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + "</article></body></html>"
).encode()


def make_spider(**settings: Any) -> NewsSpider:
    crawler = get_crawler(NewsSpider, settings_dict=settings)
    return NewsSpider.from_crawler(crawler, start_urls=HOME)


def html(url: str, body: bytes, status: int = 200, content_type: str = "text/html; charset=utf-8") -> HtmlResponse:
    return HtmlResponse(url, status=status, body=body, headers={"Content-Type": content_type},
                        request=scrapy.Request(url))


def drops(spider: NewsSpider) -> dict[str, int]:
    prefix = "newsscraper/dropped/"
    return {k[len(prefix):]: v for k, v in spider.crawler.stats.get_stats().items() if k.startswith(prefix)}


def test_start_urls_argument_makes_one_site_per_host() -> None:
    crawler = get_crawler(NewsSpider)
    spider = NewsSpider.from_crawler(crawler, start_urls="https://example.com/,https://example.com/world/,https://b.org/")
    assert spider.sites == [
        Site("example.com", ("https://example.com/", "https://example.com/world/"), ("example.com",)),
        Site("b.org", ("https://b.org/",), ("b.org",)),
    ]


def test_sites_file_from_the_setting_or_the_argument(tmp_path: Path) -> None:
    sites = tmp_path / "sites.toml"
    sites.write_text('[[site]]\nname = "ex"\nstart_urls = ["https://example.com/"]\n', encoding="utf-8")
    by_setting = NewsSpider.from_crawler(get_crawler(NewsSpider, settings_dict={"NEWSSCRAPER_SITES": str(sites)}))
    by_argument = NewsSpider.from_crawler(get_crawler(NewsSpider), sites=str(sites))
    assert by_setting.sites == by_argument.sites == [Site("ex", ("https://example.com/",), ("example.com",))]


def test_nothing_to_crawl_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="start_urls"):
        NewsSpider.from_crawler(get_crawler(NewsSpider))


def test_section_page_requests_articles_and_sections_only() -> None:
    spider = make_spider()
    site = spider.sites[0]
    requests = list(spider.parse_section(html(HOME, SECTION_PAGE), site=site, depth=0))
    articles = sorted(r.url for r in requests if r.callback == spider.parse_article)
    sections = sorted(r.url for r in requests if r.callback == spider.parse_section)
    assert articles == [
        "https://example.com/2024/05/01/river-rises-after-storm.html",  # tracker stripped
        "https://example.com/news/world-europe-68834721",                # fragment dropped
    ]
    assert sections == ["https://example.com/fr/monde/", "https://example.com/world/", "https://example.com/world/page/2/"]
    assert all(r.cb_kwargs["site"] is site and r.errback == spider.on_error for r in requests)
    assert {r.cb_kwargs["depth"] for r in requests if r.callback == spider.parse_section} == {1}


def test_section_links_stop_at_the_depth_limit() -> None:
    spider = make_spider(NEWSSCRAPER_SECTION_DEPTH=1)
    requests = list(spider.parse_section(html(HOME, SECTION_PAGE), site=spider.sites[0], depth=1))
    assert requests and all(r.callback == spider.parse_article for r in requests)


def test_article_page_becomes_an_item() -> None:
    spider = make_spider()
    (item,) = collect(spider.parse_article(html(ARTICLE_URL + "?utm_source=x", ARTICLE_PAGE), site=spider.sites[0]))
    assert isinstance(item, ArticleItem)
    assert item.url == ARTICLE_URL + "?utm_source=x"
    assert item.canonical_url == ARTICLE_URL
    assert item.title == "River rises after storm"
    assert item.text == "\n\n".join(item.paragraphs)
    for paragraph in PARAGRAPHS:
        assert item.text.count(paragraph) == 1
    assert item.standfirst is None
    assert item.site == "example.com"
    assert drops(spider) == {}


def test_what_the_cleaner_could_not_read_is_counted_and_the_article_kept() -> None:
    broken = ARTICLE_PAGE.replace(b"</head>", b'<script type="application/ld+json">{"@context": '
                                  b'"https://schema.org", "@type": "NewsArticle", "author": 5}</script></head>')
    spider = make_spider()
    (item,) = collect(spider.parse_article(html(ARTICLE_URL, broken), site=spider.sites[0]))
    assert item.title == "River rises after storm"
    assert spider.crawler.stats.get_value("newsscraper/cleaner/jsonld_unreadable") == 1


def test_article_item_carries_the_standfirst() -> None:
    """The chapô is a field of the item (and a column of the store), and the body's opening."""
    chapo = "The old bridge is closed until engineers have inspected it, the mayor said on Sunday."
    page = ARTICLE_PAGE.replace(b"</h1>", f'</h1><p class="chapo">{chapo}</p>'.encode())
    spider = make_spider()
    (item,) = collect(spider.parse_article(html(ARTICLE_URL, page), site=spider.sites[0]))
    assert item.standfirst == chapo
    assert item.text.startswith(chapo) and item.text.count(chapo) == 1


def test_article_item_carries_the_links_that_redirected_to_it() -> None:
    spider = make_spider()
    moved = "https://example.com/2024/05/01/river-rises"
    request = scrapy.Request(ARTICLE_URL, meta={"redirect_urls": [moved]})  # as RedirectMiddleware leaves it
    response = HtmlResponse(ARTICLE_URL, body=ARTICLE_PAGE, headers={"Content-Type": "text/html"}, request=request)
    (item,) = collect(spider.parse_article(response, site=spider.sites[0]))
    assert (item.url, item.redirected_from) == (ARTICLE_URL, [moved])
    (direct,) = collect(spider.parse_article(html(ARTICLE_URL, ARTICLE_PAGE), site=spider.sites[0]))
    assert direct.redirected_from == []


@pytest.mark.parametrize("status", [404, 500, 503])
def test_error_statuses_are_counted_drops(status: int) -> None:
    spider = make_spider()
    response = html(ARTICLE_URL, b"<html><title>Error</title></html>", status=status)
    assert collect(spider.parse_article(response, site=spider.sites[0])) == []
    assert list(spider.parse_section(response, site=spider.sites[0], depth=0)) == []
    assert drops(spider) == {f"http_{status}": 2}


@pytest.mark.parametrize(
    "response",
    [
        # Scrapy guesses HTML from the .html URL; the server's Content-Type says otherwise.
        Response(ARTICLE_URL, body=b"%PDF-1.4 ...", headers={"Content-Type": "application/pdf"}),
        TextResponse("https://example.com/notes/readme-for-the-storm-coverage.txt", body=b"plain",
                     headers={"Content-Type": "text/plain; charset=utf-8"}),
    ],
    ids=["pdf", "text"],
)
def test_non_html_responses_are_counted_drops(response: Response) -> None:
    spider = make_spider()
    assert collect(spider.parse_article(response, site=spider.sites[0])) == []
    assert drops(spider) == {"not_html": 1}


def test_pages_the_cleaner_rejects_are_counted_drops_with_its_reason() -> None:
    spider = make_spider(NEWSSCRAPER_CLEANER="plugged.not_an_article")
    assert collect(spider.parse_article(html(ARTICLE_URL, ARTICLE_PAGE), site=spider.sites[0])) == []
    assert drops(spider) == {"no_body": 1}


def test_an_empty_page_is_one_counted_drop_not_a_crash() -> None:
    spider = make_spider()
    assert collect(spider.parse_article(html(ARTICLE_URL, b"   "), site=spider.sites[0])) == []
    assert sum(drops(spider).values()) == 1


def test_requests_that_get_no_response_are_counted_drops() -> None:
    spider = make_spider()
    failures = [Failure(ForbiddenByRobots("Forbidden by robots.txt")), Failure(TimeoutError("took too long")),
                Failure(IgnoreRequest("Forbidden by robots.txt")),  # the reason is the type, not the words
                Failure(NotModified("not modified"))]  # a 304: the stored article is current, no drop
    for failure in failures:
        failure.request = scrapy.Request(ARTICLE_URL)  # type: ignore[attr-defined]
        spider.on_error(failure)
    assert drops(spider) == {"robots_txt": 1, "download_error": 1, "ignored": 1}


def test_a_chain_of_redirects_given_up_and_a_redirect_loop_are_counted_drops() -> None:
    spider = make_spider()
    chain = [f"https://example.com/2024/05/01/hop-{n}.html" for n in range(spider.max_redirects)]
    failure = Failure(IgnoreRequest("max redirections reached"))
    failure.request = scrapy.Request(ARTICLE_URL, meta={"redirect_urls": chain})  # type: ignore[attr-defined]
    spider.on_error(failure)
    article = spider.article_request(ARTICLE_URL, spider.sites[0], "section")
    # the scheduler refuses a redirect back to the chain's start: a loop, which no errback hears of
    spider.request_dropped(article.replace(meta={**article.meta, "redirect_urls": [ARTICLE_URL, chain[1]]}))
    # a redirect to an article another link already requested is that article, not a drop
    spider.request_dropped(article.replace(meta={**article.meta, "redirect_urls": [chain[2]]}))
    spider.request_dropped(article)  # a link found twice
    assert drops(spider) == {"too_many_redirects": 1, "redirect_loop": 1}
