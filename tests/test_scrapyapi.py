"""The assumptions newsscraper/scrapyapi.py makes about Scrapy, checked against the installed one:
when an upgrade breaks one, this file says which, instead of a crawl misbehaving quietly."""

from __future__ import annotations

import gzip
from typing import TYPE_CHECKING

import pytest
from scrapy import Request, Spider
from scrapy.downloadermiddlewares.httpcompression import HttpCompressionMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from scrapy.utils.test import get_crawler

from newsscraper.middlewares.robots import RobotsTxtMiddleware
from newsscraper.scrapyapi import (
    JOBDIR_STATE,
    forget_job,
    get_downloader_middleware,
    get_extension,
    inflated_too_large,
)
from newsscraper.store.crawl import CrawlStore

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from conftest import CrawlRun

    from newsscraper.demo.server import DemoSite


def test_components_are_looked_up_through_the_crawler(tmp_path: Path) -> None:
    crawler = get_crawler(settings_dict={"EXTENSIONS": {"newsscraper.store.crawl.CrawlStore": 50},
                                         "NEWSSCRAPER_DATABASE": str(tmp_path / "db.sqlite")})
    owner = get_extension(crawler, CrawlStore)
    assert isinstance(owner, CrawlStore) and owner is CrawlStore.of(crawler)
    assert get_downloader_middleware(crawler, RobotsTxtMiddleware) is None  # no engine yet: None, not an error
    owner.close()


def test_forget_job_removes_only_scrapys_request_state(tmp_path: Path) -> None:
    (tmp_path / "requests.queue").mkdir()
    (tmp_path / "requests.seen").write_text("fingerprint\n")
    (tmp_path / "spider.state").write_bytes(b"kept")
    forget_job(str(tmp_path))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["spider.state"]


def test_a_stopped_job_leaves_exactly_the_state_a_finished_one_forgets(
    site: DemoSite, crawl: Callable[..., CrawlRun], tmp_path: Path
) -> None:
    """The names in JOBDIR_STATE are the files Scrapy writes (Scrapy documents JOBDIR, not them)."""
    jobdir = tmp_path / "job"
    stopped = crawl(site.url, tmp_path / "db.sqlite", "-s", f"JOBDIR={jobdir}", "-s", "CLOSESPIDER_ITEMCOUNT=1")
    assert stopped.returncode == 0, stopped.log  # closespider_* is a limit the user set, not a failure
    assert set(JOBDIR_STATE) <= {p.name for p in jobdir.iterdir()}, stopped.log[-3000:]
    finished = crawl(site.url, tmp_path / "db.sqlite", "-s", f"JOBDIR={jobdir}")
    assert finished.returncode == 0, finished.log
    assert not set(JOBDIR_STATE) & {p.name for p in jobdir.iterdir()}


def _page(title: str, topic: str) -> str:
    """An article page long enough to be stored, every paragraph its own."""
    words = ["council", "river", "bridge", "market", "school", "harbour", "station", "museum", "park", "library"]
    body = "".join(f"<p>On day {n} the {words[n % 10]} near the {topic} saw {n * 7} visitors, "
                   f"and the {words[(n * 3) % 10]} committee met to discuss item {n * 13}.</p>" for n in range(12))
    return f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{body}</article></body></html>"


SITE_EDITIONS = {
    "edition1": {
        "index.html": '<html><body><a href="/2024/05/01/river-rises-after-the-storm.html">River</a>'
                      '<a href="/2024/05/02/bridge-reopens-to-traffic.html">Bridge</a></body></html>',
        "2024/05/01/river-rises-after-the-storm.html": _page("River rises after the storm", "river"),
        "2024/05/02/bridge-reopens-to-traffic.html": _page("Bridge reopens to traffic", "bridge"),
    },
}


def test_the_engine_schedules_a_request_given_alone() -> None:
    """crawl_request relies on ExecutionEngine.crawl(request): no ``spider`` argument since Scrapy 2.14
    (scrapy-redis 0.9.1 passes one on older versions)."""
    import inspect
    from types import SimpleNamespace

    from scrapy import Request
    from scrapy.core.engine import ExecutionEngine

    from newsscraper.scrapyapi import crawl_request

    assert list(inspect.signature(ExecutionEngine.crawl).parameters) == ["self", "request"]
    crawled: list[Request] = []
    crawl_request(SimpleNamespace(engine=SimpleNamespace(crawl=crawled.append)), Request("http://a.example/"))  # type: ignore[arg-type]
    assert [r.url for r in crawled] == ["http://a.example/"]


def test_a_gzip_bomb_is_told_from_the_other_ignored_requests() -> None:
    """HttpCompressionMiddleware ignores a body that grows past DOWNLOAD_MAXSIZE while inflated by
    raising IgnoreRequest from the private exception that inflated_too_large looks for."""
    middleware = HttpCompressionMiddleware.from_crawler(get_crawler(Spider, {"DOWNLOAD_MAXSIZE": 1000}))
    bomb = Response("http://127.0.0.1/a.html", body=gzip.compress(b"news " * 10_000),
                    headers={"Content-Encoding": "gzip", "Content-Type": "text/html"})
    with pytest.raises(IgnoreRequest) as ignored:
        middleware.process_response(Request(bomb.url), bomb)
    assert inflated_too_large(ignored.value)
    assert not inflated_too_large(IgnoreRequest("max redirections reached"))
