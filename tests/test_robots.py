"""robots.txt is obeyed for every request, however many arrive while it is still downloading, and
downloaded once a host: the spider reads its Sitemap: lines from the middleware's copy."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

from scrapy import Request
from scrapy.http import TextResponse
from scrapy.utils.test import get_crawler

from newsscraper.demo.server import DemoSite
from newsscraper.middlewares.robots import ForbiddenByRobots, RobotsTxtMiddleware

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from conftest import CrawlRun


async def requests_waiting_on_one_robots_txt(paths: list[str]) -> tuple[list[Any], list[str], dict[str, Any]]:
    """Requests for ``paths`` reach the middleware before robots.txt arrives: what each got, what
    was downloaded, and the robots.txt stats."""
    crawler = get_crawler(settings_dict={"ROBOTSTXT_OBEY": True})
    middleware = RobotsTxtMiddleware.from_crawler(crawler)
    arrived = asyncio.get_running_loop().create_future()
    downloaded: list[str] = []

    async def download_async(request: Request) -> TextResponse:
        downloaded.append(request.url)
        await arrived
        return TextResponse(request.url, body=b"User-agent: *\nDisallow: /prive/\n", request=request)

    crawler.engine = type("Engine", (), {"download_async": staticmethod(download_async)})()
    waiting = [asyncio.ensure_future(middleware.process_request(Request(f"http://example.com{path}")))
               for path in paths]
    await asyncio.sleep(0)
    arrived.set_result(None)
    outcomes = await asyncio.gather(*waiting, return_exceptions=True)
    robots = {k: v for k, v in crawler.stats.get_stats().items() if k.startswith("robotstxt/")}
    return outcomes, downloaded, robots


def test_every_request_waiting_on_robots_txt_is_judged_by_it_and_it_is_downloaded_once() -> None:
    paths = [f"/prive/{n}" for n in range(5)] + ["/world/"]
    outcomes, downloaded, robots = asyncio.run(requests_waiting_on_one_robots_txt(paths))
    assert [type(outcome) for outcome in outcomes] == [ForbiddenByRobots] * 5 + [type(None)]
    assert downloaded == ["http://example.com/robots.txt"]
    assert robots == {"robotstxt/request_count": 1, "robotstxt/response_count": 1,
                      "robotstxt/response_status_count/200": 1, "robotstxt/forbidden": 5}


def middleware_serving(answer: Callable[[Request], TextResponse]) -> tuple[RobotsTxtMiddleware, list[str]]:
    """The middleware with an engine whose downloads ``answer`` gives, and the URLs it downloaded."""
    crawler = get_crawler(settings_dict={"ROBOTSTXT_OBEY": True})
    downloaded: list[str] = []

    async def download_async(request: Request) -> TextResponse:
        downloaded.append(request.url)
        return answer(request)

    crawler.engine = type("Engine", (), {"download_async": staticmethod(download_async)})()
    return RobotsTxtMiddleware.from_crawler(crawler), downloaded


def test_the_sitemap_lines_come_from_the_robots_txt_downloaded_to_obey_it() -> None:
    body = b"User-agent: *\nDisallow: /prive/\nSitemap: /sitemaps/index.xml\n"
    middleware, downloaded = middleware_serving(lambda r: TextResponse(r.url, body=body, request=r))

    async def crawl_start() -> list[str] | None:
        await middleware.process_request(Request("https://example.com/world/"))
        return await middleware.sitemap_urls("https://example.com")

    assert asyncio.run(crawl_start()) == ["https://example.com/sitemaps/index.xml"]
    assert downloaded == ["https://example.com/robots.txt"]


def test_a_robots_txt_error_status_names_no_sitemap_and_no_response_is_none() -> None:
    missing, _ = middleware_serving(lambda r: TextResponse(r.url, body=b"Sitemap: /x.xml", status=404, request=r))
    assert asyncio.run(missing.sitemap_urls("https://example.com")) == []

    def refuse(request: Request) -> TextResponse:
        raise ConnectionRefusedError(request.url)

    down, _ = middleware_serving(refuse)
    assert asyncio.run(down.sitemap_urls("https://example.com")) is None


def test_start_urls_waiting_together_on_robots_txt_all_obey_it(crawl: Callable[..., CrawlRun],
                                                                tmp_path: Path) -> None:
    """The demo's robots.txt forbids /prive/; four start URLs wait for it at once."""
    with DemoSite() as site:
        start_urls = ",".join(site.url + path for path in ("", "world/", "monde/", "prive/"))
        run = crawl(start_urls, tmp_path / "news.sqlite")
        requested = list(site.requested)
    assert run.returncode == 0, run.log
    assert requested.count("/robots.txt") == 1  # once a host, for the rules and the Sitemap: lines
    assert not [path for path in requested if path.startswith("/prive/")]
