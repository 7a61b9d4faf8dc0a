"""Incremental re-crawls, component by component, on a real SQLite store in tmp_path:
fresh articles dropped before scheduling, conditional requests, 304s, per-site counts."""

from __future__ import annotations

import asyncio
import sqlite3
import time
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any

import pytest
from crawlers import stop, store_crawler
from scrapy import Request, signals
from scrapy.http import HtmlResponse, Response
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.test import get_crawler
from storedrows import read_article

from newsscraper.items import ArticleItem
from newsscraper.meta import STORED_META, is_article_request
from newsscraper.middlewares.incremental import IncrementalMiddleware
from newsscraper.middlewares.notmodified import NotModified, NotModifiedMiddleware
from newsscraper.middlewares.sitehealth import SiteHealthMiddleware
from newsscraper.spiders.news import NewsSpider
from newsscraper.stats import ARTICLES_PREFIX, NOT_MODIFIED, RESPONSES_OK, SKIPPED_FRESH
from newsscraper.store import ArticleRecord, Validators
from newsscraper.store.lock import RunLock
from newsscraper.store.sqlite import SQLiteStore

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Coroutine
    from pathlib import Path

    from scrapy.crawler import Crawler

STORED = "https://example.com/2024/05/01/river-rises.html"
OTHER = "https://example.com/2024/05/02/bridge-reopens.html"
SECTION = "https://example.com/world/"


class Spider:
    """Stands in for the spiders' callbacks: requests are told apart by callback name or meta."""

    def parse_article(self, response: Response) -> None: ...

    def parse_section(self, response: Response) -> None: ...


SPIDER = Spider()


def store_article(database: Path, *, hours_ago: float, validators: Validators) -> None:
    store = SQLiteStore(database, busy_timeout=5)
    record = ArticleRecord(url=STORED, canonical_url=STORED, title="River rises", text="The river rose.",
                           paragraphs=("The river rose.",), authors=(), published=None, language="en",
                           content_hash="h1")
    store.save(record, now=datetime.now(timezone.utc) - timedelta(hours=hours_ago), validators=validators)
    store.close()


def crawler_for(database: Path, **settings: Any) -> Crawler:
    return store_crawler(NEWSSCRAPER_DATABASE=str(database), **settings)


def run_now(coroutine: Coroutine[Any, Any, None]) -> None:
    """Run a coroutine that never suspends to its end, here and now."""
    with pytest.raises(StopIteration):
        coroutine.send(None)


def article(url: str, **meta: Any) -> Request:
    return Request(url, callback=SPIDER.parse_article, meta=meta)


def stats(crawler: Crawler, prefix: str = "newsscraper/") -> dict[str, Any]:
    return {k: v for k, v in crawler.stats.get_stats().items() if k.startswith(prefix)}


#: a fresh article counts as unchanged in the run's counts, as on its site's line
UNCHANGED = ARTICLES_PREFIX + "unchanged"
VALIDATORS = Validators('"abc"', "Wed, 01 May 2024 12:00:00 GMT")


async def as_async(outputs: list[Any]) -> AsyncIterator[Any]:
    for output in outputs:
        yield output


def filtered(middleware: IncrementalMiddleware, response: Response, outputs: list[Any]) -> list[Any]:
    """What the middleware passes on of a callback's output, on an asyncio loop as in a crawl."""

    async def kept() -> list[Any]:
        return [obj async for obj in middleware.process_spider_output(response, as_async(outputs))]

    return asyncio.run(kept())


def respond(middleware: NotModifiedMiddleware, request: Request, response: Response) -> Response:
    """The middleware's process_response, awaited on an asyncio loop as in a crawl."""
    answer: Response = asyncio.run(middleware.process_response(request, response))
    return answer


def test_an_article_fetched_within_the_window_is_dropped_before_scheduling(tmp_path: Path) -> None:
    store_article(tmp_path / "db.sqlite", hours_ago=1, validators=VALIDATORS)
    crawler = crawler_for(tmp_path / "db.sqlite", NEWSSCRAPER_REFETCH_AFTER=6)
    middleware = IncrementalMiddleware.from_crawler(crawler)
    section = Request(SECTION, callback=SPIDER.parse_section)
    out = filtered(middleware, HtmlResponse(SECTION), [
        article(STORED), section, article(OTHER), article(STORED)])  # linked twice: one decision
    assert [r.url for r in out] == [SECTION, OTHER]
    assert all(not r.headers.get("If-None-Match") for r in out)
    assert stats(crawler) == {SKIPPED_FRESH: 1, UNCHANGED: 1, "newsscraper/site/example.com/unchanged": 1}
    stop(middleware.crawler)


def test_an_older_article_is_revisited_with_its_validators(tmp_path: Path) -> None:
    store_article(tmp_path / "db.sqlite", hours_ago=7, validators=VALIDATORS)
    middleware = IncrementalMiddleware.from_crawler(crawler_for(tmp_path / "db.sqlite", NEWSSCRAPER_REFETCH_AFTER=6))
    # the spiders' article_request marks article requests with meta["newsscraper"]; its site name wins
    (request,) = filtered(middleware, HtmlResponse(SECTION), [
        Request(STORED, callback=SPIDER.parse_section, meta={"newsscraper": {"site": "example"}})])
    assert request.headers["If-None-Match"] == b'"abc"'
    assert request.headers["If-Modified-Since"] == b"Wed, 01 May 2024 12:00:00 GMT"
    assert request.meta[STORED_META] == STORED
    stop(middleware.crawler)


def test_a_zero_window_revisits_everything_and_no_validators_means_a_plain_request(tmp_path: Path) -> None:
    store_article(tmp_path / "db.sqlite", hours_ago=0, validators=Validators())
    middleware = IncrementalMiddleware.from_crawler(crawler_for(tmp_path / "db.sqlite", NEWSSCRAPER_REFETCH_AFTER=0))
    (request,) = filtered(middleware, HtmlResponse(SECTION), [article(STORED)])
    assert b"If-None-Match" not in request.headers and STORED_META not in request.meta
    stop(middleware.crawler)


def test_items_leave_with_the_validators_of_their_response(tmp_path: Path) -> None:
    middleware = IncrementalMiddleware.from_crawler(crawler_for(tmp_path / "db.sqlite"))
    response = HtmlResponse(STORED, headers={"ETag": '"v2"', "Last-Modified": "Thu, 02 May 2024 08:00:00 GMT"})
    (item,) = filtered(middleware, response, [ArticleItem(url=STORED, title="t", text="x")])
    assert (item.etag, item.last_modified) == ('"v2"', "Thu, 02 May 2024 08:00:00 GMT")
    stop(middleware.crawler)


def test_asynchronous_callbacks_are_filtered_too(tmp_path: Path) -> None:
    store_article(tmp_path / "db.sqlite", hours_ago=1, validators=VALIDATORS)
    middleware = IncrementalMiddleware.from_crawler(crawler_for(tmp_path / "db.sqlite"))

    async def output() -> AsyncIterator[Request]:
        yield article(STORED)
        yield article(OTHER)

    async def kept() -> list[str]:
        return [r.url async for r in middleware.process_spider_output(HtmlResponse(SECTION), output())]

    assert asyncio.run(kept()) == [OTHER]
    stop(middleware.crawler)


def test_the_middlewares_share_the_crawls_one_store_closed_when_the_engine_stops(tmp_path: Path) -> None:
    store_article(tmp_path / "db.sqlite", hours_ago=1, validators=VALIDATORS)
    crawler = crawler_for(tmp_path / "db.sqlite")
    incremental, not_modified = IncrementalMiddleware.from_crawler(crawler), NotModifiedMiddleware.from_crawler(crawler)
    assert incremental.owner is not_modified.owner
    crawler.signals.send_catch_log(signals.spider_closed, spider=SPIDER, reason="finished")
    assert incremental.owner.store.count() == 1  # the run recorder still writes the run's end after spider_closed
    stop(crawler)
    with pytest.raises(sqlite3.ProgrammingError, match="closed"):
        incremental.owner.store.count()
    assert not incremental.owner.writer._thread.is_alive()
    assert not RunLock(tmp_path / "db.sqlite.lock").acquire().release()  # the lock is free again


def test_no_start_request_is_an_article_request() -> None:
    """So the incremental middleware needs no process_start: start URLs are section pages."""
    crawler = get_crawler(NewsSpider)
    spider = NewsSpider.from_crawler(crawler, start_urls=f"{STORED},{SECTION}")
    spider.sites = [replace(spider.sites[0], feed_urls=(SECTION + "rss.xml",),
                            sitemap_urls=(SECTION + "sitemap.xml",)), *spider.sites]

    async def start() -> list[Request]:
        return [request async for request in spider.start()]

    requests = asyncio.run(start())
    assert {r.url for r in requests} >= {STORED, SECTION + "rss.xml", SECTION + "sitemap.xml",
                                        "https://example.com/robots.txt"}
    assert not [r.url for r in requests if is_article_request(r)]


def test_without_a_store_nothing_is_incremental() -> None:
    from scrapy.exceptions import NotConfigured

    for middleware in (IncrementalMiddleware, NotModifiedMiddleware):
        with pytest.raises(NotConfigured):
            middleware.from_crawler(get_crawler(settings_dict={"NEWSSCRAPER_DATABASE": ""}))


# --- 304 -------------------------------------------------------------------------------------------


def test_a_304_touches_the_stored_article_counts_it_unchanged_and_ends_quietly(tmp_path: Path) -> None:
    store_article(tmp_path / "db.sqlite", hours_ago=10, validators=VALIDATORS)
    crawler = crawler_for(tmp_path / "db.sqlite")
    middleware = NotModifiedMiddleware.from_crawler(crawler)
    request = Request(STORED, errback=lambda failure: None, meta={STORED_META: STORED, "newsscraper": {"site": "ex"}})
    with pytest.raises(NotModified):
        respond(middleware, request, Response(STORED, status=304, request=request))
    assert stats(crawler) == {NOT_MODIFIED: 1, "newsscraper/articles/unchanged": 1, "newsscraper/site/ex/unchanged": 1}
    stop(middleware.crawler)
    stored = read_article(tmp_path / "db.sqlite", STORED)
    assert stored.last_seen == stored.last_fetched > stored.last_changed
    assert stored.validators == VALIDATORS


def test_a_storage_error_on_a_304_closes_the_crawl_with_store_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    closed: list[str] = []
    monkeypatch.setattr("newsscraper.store.crawl.deferred_from_coro", run_now)  # no engine in a unit test

    class Engine:
        async def close_spider_async(self, *, reason: str) -> None:
            closed.append(reason)

    crawler = crawler_for(tmp_path / "db.sqlite")
    middleware = NotModifiedMiddleware.from_crawler(crawler)
    async def close_the_writers_connection() -> None:  # any storage error will do
        await maybe_deferred_to_future(middleware.owner.writer.submit(lambda store: store.close()))

    asyncio.run(close_the_writers_connection())
    crawler.crawling = True
    crawler.engine = Engine()  # type: ignore[assignment]
    request = Request(STORED, meta={STORED_META: STORED})
    with pytest.raises(sqlite3.ProgrammingError):
        respond(middleware, request, Response(STORED, status=304, request=request))
    assert closed == ["store_error"]
    assert stats(crawler) == {}


def test_other_responses_pass_through(tmp_path: Path) -> None:
    middleware = NotModifiedMiddleware.from_crawler(crawler_for(tmp_path / "db.sqlite"))
    conditional = Request(STORED, meta={STORED_META: STORED})
    ok = Response(STORED, status=200, request=conditional)
    assert respond(middleware, conditional, ok) is ok
    plain = Request(STORED)  # a 304 to a request we did not make conditional is the spider's business
    not_modified = Response(STORED, status=304, request=plain)
    assert respond(middleware, plain, not_modified) is not_modified
    stop(middleware.crawler)


# --- per-site health --------------------------------------------------------------------------------


def test_site_health_counts_found_fetched_and_pages_that_gave_no_article() -> None:
    crawler = get_crawler(settings_dict={})
    middleware = SiteHealthMiddleware.from_crawler(crawler)
    section = HtmlResponse(SECTION, request=Request(SECTION, callback=SPIDER.parse_section))
    middleware.process_spider_input(section)
    list(middleware.process_spider_output(section, [article(STORED), article(OTHER), article(STORED)]))
    for url, items in ((STORED, [ArticleItem(url=STORED, title="t", text="x")]), (OTHER, [])):
        response = HtmlResponse(url, request=article(url))
        middleware.process_spider_input(response)
        list(middleware.process_spider_output(response, items))
    missing = HtmlResponse(OTHER, status=404, request=article(OTHER))
    middleware.process_spider_input(missing)
    list(middleware.process_spider_output(missing, []))  # an HTTP error is not an extraction failure
    assert stats(crawler) == {
        RESPONSES_OK: 3,
        "newsscraper/site/example.com/found": 2,
        "newsscraper/site/example.com/fetched": 2,
        "newsscraper/site/example.com/failures": 1,
    }


def test_a_304_waits_for_a_foreign_lock_no_longer_than_the_timeout_setting(tmp_path: Path) -> None:
    store_article(tmp_path / "db.sqlite", hours_ago=10, validators=VALIDATORS)
    other = sqlite3.connect(tmp_path / "db.sqlite", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    middleware = NotModifiedMiddleware.from_crawler(crawler_for(tmp_path / "db.sqlite",
                                                                NEWSSCRAPER_DATABASE_TIMEOUT=0.2))
    request = Request(STORED, meta={STORED_META: STORED})
    started = time.monotonic()
    with pytest.raises(sqlite3.OperationalError, match="database is locked"):
        respond(middleware, request, Response(STORED, status=304, request=request))
    assert time.monotonic() - started < 2
    other.rollback()
    stop(middleware.crawler)


# --- one query a page, not one a link -----------------------------------------------------------------


def test_a_section_page_with_100_article_links_costs_one_query(tmp_path: Path) -> None:
    database = tmp_path / "db.sqlite"
    store = SQLiteStore(database, busy_timeout=5)
    links = [f"https://example.com/2024/05/01/story-{n:03d}.html" for n in range(100)]
    for n, url in enumerate(links[:40]):  # 20 fetched an hour ago, 20 a day ago, 60 never
        record = ArticleRecord(url=url, canonical_url=url, title="t", text=f"text {n}", paragraphs=(f"text {n}",),
                               authors=(), published=None, language="en", content_hash=f"h{n}")
        store.save(record, now=datetime.now(timezone.utc) - timedelta(hours=1 if n < 20 else 24), validators=VALIDATORS)
    store.close()
    crawler = crawler_for(database, NEWSSCRAPER_REFETCH_AFTER=6)
    middleware = IncrementalMiddleware.from_crawler(crawler)
    statements: list[str] = []

    async def trace() -> None:  # the writer's connection belongs to its thread: set the trace there
        await maybe_deferred_to_future(middleware.owner.writer.submit(
            lambda store: store._conn.set_trace_callback(statements.append)))

    asyncio.run(trace())
    page = [Request(SECTION + "page/2/", callback=SPIDER.parse_section), *(article(url) for url in links)]
    out = filtered(middleware, HtmlResponse(SECTION), page)
    assert len(statements) == 1 and statements[0].startswith("WITH wanted")  # 1 query, not 100
    assert [r.url for r in out] == [SECTION + "page/2/", *links[20:]]  # in order, the fresh 20 left out
    assert [bool(r.headers.get("If-None-Match")) for r in out[1:]] == [True] * 20 + [False] * 60
    assert stats(crawler) == {SKIPPED_FRESH: 20, UNCHANGED: 20, "newsscraper/site/example.com/unchanged": 20}

    statements.clear()  # another page linking to the same articles: decided already, no query at all
    assert [r.url for r in filtered(middleware, HtmlResponse(SECTION), [article(url) for url in links])] == links[20:]
    assert statements == []
    assert stats(crawler)[SKIPPED_FRESH] == 20
    stop(crawler)


def test_two_pages_looking_up_the_same_link_at_once_decide_it_once(tmp_path: Path) -> None:
    store_article(tmp_path / "db.sqlite", hours_ago=1, validators=VALIDATORS)
    crawler = crawler_for(tmp_path / "db.sqlite", NEWSSCRAPER_REFETCH_AFTER=6)
    middleware = IncrementalMiddleware.from_crawler(crawler)

    async def page() -> list[str]:
        outputs = as_async([article(STORED), article(OTHER)])
        return [r.url async for r in middleware.process_spider_output(HtmlResponse(SECTION), outputs)]

    async def both() -> list[list[str]]:
        return list(await asyncio.gather(page(), page()))

    assert asyncio.run(both()) == [[OTHER], [OTHER]]
    assert stats(crawler) == {SKIPPED_FRESH: 1, UNCHANGED: 1, "newsscraper/site/example.com/unchanged": 1}
    stop(crawler)


def test_what_a_callback_gave_before_it_raised_still_goes_out(tmp_path: Path) -> None:
    store_article(tmp_path / "db.sqlite", hours_ago=1, validators=VALIDATORS)
    middleware = IncrementalMiddleware.from_crawler(crawler_for(tmp_path / "db.sqlite"))

    async def output() -> AsyncIterator[Request]:
        yield article(STORED)
        yield article(OTHER)
        raise ValueError("the page broke the callback")

    async def kept() -> list[str]:
        urls = []
        with pytest.raises(ValueError, match="broke"):
            async for request in middleware.process_spider_output(HtmlResponse(SECTION), output()):
                urls.append(request.url)
        return urls

    assert asyncio.run(kept()) == [OTHER]
    stop(middleware.crawler)
